"""Citizen-facing texts in English, used when the citizen writes in English."""

TEXTS = {
    "greet": "Welcome to the online statistical consultation of PST BPS Kota Lubuklinggau. The service is free.\n"
             "Before we start we need a few details.",
    "ask_name": "What is your full name?",
    "ask_name_profile": "Is your name *{name}*? Reply YES, or type your full name.",
    "bad_name": "Sorry, that does not look like a name. Please type just your name (titles are fine), for example: "
                "John Tan or Dr. Siti Aminah, S.Pd.",
    "name_corrected": "All right, we have changed your name to *{name}*.",
    "name_changed": "Your name has been changed to *{name}*.",
    "rename_how": "To change your name, type CHANGE NAME followed by the new name, for example: CHANGE NAME John Tan.",
    "question_kept_registration": "We have kept your question and will answer it right after registration.",
    "email_typo": "Did you mean {email}? Reply YES, or type the correct address.",
    "no_email": "The service standard of PST BPS Kota Lubuklinggau (Standar Pelayanan Konsultasi Statistik) requires "
                "users of the service to have an active e-mail address.\n"
                "What you can do:\n"
                "• Make a free e-mail address, for example with Gmail (accounts.google.com/signup, a few minutes), "
                "then type it here.\n"
                "• Or come to PST BPS Kota Lubuklinggau, Jl. Perumdam No.1, Lubuk Tanjung, Kec. Lubuk Linggau "
                "Barat I, during working hours (phone 0733323693), with an identity card.\n"
                "You can come back here any time.",
    "code_not_arrived": "No problem. The code sometimes takes a minute or two to arrive. Please also check the Spam "
                        "or Promotions folder of {email}. If it is still not there, type RESEND for a new code, or "
                        "type another e-mail address if that one was wrong.",
    "ask_email": "Thank you, {name}. Please type a working e-mail address. We will send a 6-digit code to it.",
    "bad_email": "That e-mail address is not valid. Example: name@gmail.com",
    "code_sent": "We sent a 6-digit code to {email}. Reply with it here (valid {minutes} minutes). "
                 "Type RESEND if it has not arrived, or type another e-mail address to change it.",
    "code_mail_subject": "Your PST BPS Kota Lubuklinggau verification code",
    "code_mail_body": "Your verification code: {code}\n\nIt is valid for {minutes} minutes. Ignore this e-mail if you "
                      "are not registering for the PST BPS Kota Lubuklinggau consultation service.",
    "mail_subject": "PST BPS Kota Lubuklinggau consultation",
    "wrong_code": "That code does not match. Attempts left: {left}. Type RESEND for a new code.",
    "code_locked": "The code expired or was wrong too often. Please type your e-mail address again for a new code.",
    "code_limit_mails": "For your security we cannot send another verification code right now. "
                        "Please try again from {when}. Sorry for the inconvenience.",
    "code_limit_wrong": "A wrong code was typed too many times. For your security, please try again from {when} "
                        "and type your e-mail address for a new code.",
    "ask_phone": "Thank you, {name}. Please type your phone/WhatsApp number (e.g. +6281234567890).",
    "ask_phone_letter": "Thank you, {name}. Is your phone/WhatsApp number {phone}? Reply YES, or type another number.",
    "bad_phone": "That phone number is not valid. Example: 081234567890 or +6281234567890.",
    "registered": "You are registered. Thank you, {name}!",
    "welcome_back": "Welcome back, {name}.",
    "menu": "Please type your question about statistical data, metadata or classifications (KBLI, KBJI, …). "
            "We search our answers first; if none fits, an officer will help.\n"
            "Commands: STATUS (your tickets), COMPLAINT, HELP, DONE.",
    "menu_ticket": "Your ticket {ticket} is still open; whatever you write here goes to the officer. "
                   "Type DONE when you are finished, or CANCEL to cancel the ticket.",
    "help": "How to use this service:\n• Type your question in plain words.\n• MENU – back to the menu\n"
            "• STATUS – your consultation tickets\n• CANCEL – cancel this step\n• COMPLAINT – file a complaint\n"
            "• DONE – end the consultation\n• MY DATA – a copy of your data by e-mail\n"
            "• DELETE MY DATA – erase your data\n• CHANGE NAME <new name> – change your name\n"
            "Tulis dalam Bahasa Indonesia kapan saja untuk beralih bahasa.",
    "help_registration": "We need your name, a working e-mail address and your phone number before the consultation. "
                         "Wrong name? Type: no, my name is … "
                         "Type CANCEL to stop.",
    "answers": "Here is what we found:\n{items}\nReply with the number of the answer you want to read "
               "(if none fits, reply NO).",
    "answer_item": "{n}. *{title}* — {summary}",
    "article": "*{title}*\n{body}",
    "article_tail": "Did this help? Reply YES or NO (we pass it on to an officer).",
    "helped": "Glad it helped! Any other question? Just type it, or type DONE.",
    "not_found": "Sorry, our knowledge base has no answer to that yet. We are opening a consultation with an officer; "
                 "please tell us a few details.",
    "not_helped": "All right, we will pass this on to an officer. Please tell us a few details.",
    "not_found_forwarded": "Sorry, our knowledge base has no answer to that yet. We will pass it on to an officer.",
    "not_helped_forwarded": "All right, we will pass it on to an officer.",
    "ask_data": "What data or information do you need?",
    "ask_activity": "What does the business or the job do? (e.g. a self-service laundry, a contract primary school "
                    "teacher)",
    "ask_area": "For which area? (e.g. Kota Lubuklinggau, or a district)",
    "ask_period": "For which period or year? (e.g. 2023, or 2019–2023)",
    "ask_purpose": "What do you need the data for? (e.g. thesis, planning, business)",
    "reask_data": "Sorry, we did not catch which data. Write what you are looking for, e.g. \"number of small "
                  "businesses per district\". If you don't know, type SKIP.",
    "reask_activity": "Sorry, we did not catch that. Say briefly what is done, e.g. \"a self-service laundry\" or "
                      "\"teaching at a primary school\". If you don't know, type SKIP.",
    "reask_area": "Sorry, we did not catch the area. Write the place, e.g. \"Kota Lubuklinggau\" or "
                  "\"Kecamatan Lubuklinggau Timur I\". If you don't know, type SKIP.",
    "reask_period": "Sorry, we did not catch the period. Write a year or a range, e.g. \"2023\", \"2019–2023\", "
                    "\"last 5 years\" or \"latest\". If you don't know, type SKIP.",
    "reask_purpose": "Sorry, we did not catch the purpose. Write e.g. \"thesis\", \"regional planning\" or "
                     "\"business\". If you'd rather not say, type SKIP.",
    "detail_left_open": "All right, we leave that open; the officer will ask if it matters.",
    "detail_too_short": "Please write a little more.",
    "request_summary": "Your request in short:\n{lines}\n\nReply YES if this is right, or write what to change "
                       "(e.g. \"period 2020–2023\"). Type CANCEL to drop it.",
    "request_line": "• {label}: {value}",
    "request_labels": {"question": "Question", "type": "Type", "data": "Data", "activity": "Business/job",
                       "area": "Area", "period": "Period", "purpose": "Purpose"},
    "request_types": {"data": "data request", "classification": "classification code (KBLI/KBJI/KBKI)",
                      "concept": "concept or method", "service": "service or procedure", "other": "other"},
    "detail_not_given": "– (not given yet)",
    "what_to_change": "What should we change? Write e.g. \"area Kecamatan Lubuklinggau Timur I\", \"period "
                      "2020–2023\" or \"purpose: thesis\". Reply YES if it is right.",
    "consultation_opened": "We have received your request as ticket *{ticket}*.\nAn officer will answer by {due} at the "
                           "latest. A follow-up by office visit or Zoom is possible. Write here to add anything.",
    "attached": "Your message was added to ticket {ticket}. An officer will reply soon.",
    "officer_reply": "PST officer ({officer}):\n{text}",
    "consultation_closed_officer": "Consultation {ticket} has been closed by the officer.",
    "consultation_closed_citizen": "Consultation {ticket} is closed. Thank you.",
    "consultation_closed_inactive": "Consultation {ticket} was closed automatically after 7 days without a reply.",
    "consultation_cancelled": "Ticket {ticket} has been cancelled.",
    "ask_rating": "How would you rate this service?\n1 = poor\n2 = fair\n3 = good\n4 = very good\nReply with 1–4.",
    "bad_rating": "Please reply with 1, 2, 3 or 4 (or type SKIP).",
    "question_kept": "We have kept your question and will answer it right after the rating. Please rate 1–4 first "
                     "(or type SKIP).",
    "you_are_welcome": "You're welcome! Just type if you have another question.",
    "never_mind": "All right, no problem. Just type whenever you have a question.",
    "out_of_scope": "Sorry, that is outside what we handle: PST BPS Kota Lubuklinggau answers questions about "
                    "statistical data, metadata and classifications. We do not open a ticket for it.",
    "not_statistical": "Sorry, we could not find a request for data in that message. PST BPS Kota Lubuklinggau "
                       "answers questions about statistical data, metadata and classifications; if you are looking "
                       "for data, name it, for example: population of Lubuklinggau 2023.",
    "pointer_bmkg": "For weather and climate, please contact BMKG.",
    "pointer_kpu": "For elections and voter lists, please contact KPU.",
    "pointer_dukcapil": "For ID cards (KTP), family cards and certificates, please contact Dinas Dukcapil.",
    "pointer_samsat": "For vehicle tax and papers, please contact SAMSAT.",
    "pointer_bpjs": "For BPJS membership, please contact a BPJS office.",
    "pointer_polri": "For a loss or an incident report, please contact the police.",
    "answered_while_waiting": "We have also passed this message to the officer on ticket {ticket}.",
    "ticket_stays_open": "Ticket {ticket} stays open. If you no longer need it, type CANCEL.",
    "attached_handoff": "Your message has reached the officer on ticket {ticket}; they will reply here.",
    "ask_which_ticket": "Is this message an addition to ticket {ticket}? Reply YES, or NEW if it is a new question.",
    "ask_comment": "Thank you for rating {score} ({label}). Any comment or suggestion? Type it here, or type SKIP.",
    "thanks_rating": "Thank you for your rating. Any other question? Just type it.",
    "offer_complaint": "We are sorry the service fell short. Would you like to file a complaint? Reply YES or NO.",
    "ask_complaint": "Please describe your complaint (what happened, when, and what you expect).",
    "complaint_too_short": "Please describe your complaint in a sentence or two.",
    "complaint_filed": "We are sorry for the trouble you had. Your complaint is recorded with number *{reference}* and "
                       "will be followed up; type STATUS to see how it stands. You can also complain through the "
                       "suggestion and complaint box at PST BPS Kota Lubuklinggau, lapor.go.id, pengaduan.bps.go.id "
                       "or by e-mail to ipds1674@bps.go.id.",
    "complaint_contact": "So that we can tell you how it is followed up, please give us a few details.",
    "status_complaints_header": "Your complaints:",
    "status_complaint_line": "• {reference} – {status}, filed {filed}{due}",
    "status_complaint_due": ", answer due by {due}",
    "status_complaint_channels": "You can also complain through the suggestion and complaint box at PST BPS Kota "
                                 "Lubuklinggau, lapor.go.id, pengaduan.bps.go.id or e-mail ipds1674@bps.go.id.",
    "complaint_response_subject": "Answer to your complaint {reference}",
    "complaint_response": "Answer to your complaint *{reference}*:\n\n{answer}\n\n– {officer}, PST BPS Kota "
                          "Lubuklinggau",
    "complaint_status_new": "received",
    "complaint_status_in_progress": "being handled",
    "complaint_status_answered": "answered",
    "complaint_status_closed": "closed",
    "status_none": "You have no open consultation tickets.",
    "status_line": "• {ticket} – {status}, opened {opened}{due}",
    "status_due": ", answer due by {due}",
    "status_header": "Your consultation tickets:",
    "status_open": "waiting for an officer",
    "status_in_progress": "being handled",
    "status_unregistered": "You are not registered yet. Let us finish the registration first.",
    "cancelled": "Cancelled.",
    "registration_cancelled": "Registration cancelled. Send a message any time to start again.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "goodbye": "Thank you for using the PST BPS Kota Lubuklinggau service. Goodbye!",
    "engine_error": "Sorry, we could not process your message automatically. An officer will read it and reply here.",
    "not_understood": "Sorry, we did not understand that message.",
    "text_only": "Sorry, we can only read text messages. Please type your question.",
    "inactivity_reminder": "We have not heard from you. This conversation closes automatically in {days} days "
                           "without a reply.",
    "conversation_closed_inactive": "This conversation was closed for lack of reply. Send a message any time to start again.",
    "followup_zoom": "Follow-up for ticket {ticket}: a Zoom meeting with a PST officer on {when}.\nLink: {link}",
    "followup_visit": "Follow-up for ticket {ticket}: a visit to {office} on {when}. Mention your ticket number "
                      "when you arrive.",
    "followup_reminder": "Reminder for tomorrow — {invitation}",
    "followup_subject": "Follow-up of consultation {ticket}",
    "followup_rescheduled": "New time — {invitation}",
    "followup_cancelled": "The follow-up for ticket {ticket} on {when} is cancelled. A PST officer will contact "
                          "you if a new time is needed.",
    # personal data (UU 27/2022); bump NOTICE_VERSION in bot/texts/__init__.py when the notice changes
    "privacy_notice": "Privacy notice:\n• What we keep: your name, e-mail, phone number, your messages and "
                      "attachments, and your consultation tickets.\n• Why: to answer your consultation and to measure "
                      "the quality of our service.\n• How long: {retention} after the consultation ends; then it is "
                      "erased.\n• Data controller: BPS Kota Lubuklinggau (ipds1674@bps.go.id).\n"
                      "• Your rights: type MY DATA for a copy of your data, or DELETE MY DATA to erase it.",
    "privacy_notice_updated": "Our privacy notice has changed. Please read it and agree once more.",
    "consent_question": "Do you agree? Reply AGREE to continue, or NO.",
    "consent_help": "We need your agreement before we keep any data for the online consultation.",
    "consent_refused": "All right. Without that agreement we cannot serve you online, because we must keep your data "
                       "to answer you. You are welcome to visit PST BPS Kota Lubuklinggau (Jl. Perumdam No.1, Lubuk "
                       "Tanjung) during office hours, or to call 0733323693. Write any time if you change your mind.",
    "consent_thanks": "Thank you for agreeing.",
    "duration_years": "{n} years",
    "duration_days": "{n} days",
    "my_data_sent": "We sent a copy of your data to your registered e-mail ({email}). For your safety we do not show "
                    "it here.",
    "my_data_no_email": "We have no verified e-mail address for you, so we cannot send a copy of your data. Please "
                        "visit PST BPS Kota Lubuklinggau with your ID card, or write to ipds1674@bps.go.id.",
    "my_data_subject": "A copy of your personal data – PST BPS Kota Lubuklinggau",
    "my_data_body": "You asked for a copy of the data we keep about you (type DELETE MY DATA in the chat to erase "
                    "it). Here it is.\n\n{data}",
    "erase_confirm": "You asked us to ERASE your data: name, e-mail, phone number, all messages and attachments. Open "
                     "tickets will be closed. This cannot be undone.\n"
                     "Type DELETE to erase, or anything else to cancel.",
    "erase_cancelled": "All right, your data was not erased.",
    "erase_done": "Your data has been erased. Thank you for using the PST BPS Kota Lubuklinggau service. If you write "
                  "again, you will be served as a new user.",
    # choices (bot/choices.py): button and row labels fit WhatsApp's limits (button 20, row 24, description 72)
    "choice_yes": "Yes",
    "choice_no": "No",
    "choice_agree": "I agree",
    "choice_refuse": "I do not agree",
    "choice_same_ticket": "Yes, that ticket",
    "choice_new_question": "New question",
    "choice_new": "new",
    "choice_rating_1": "Poor",
    "choice_rating_2": "Fair",
    "choice_rating_3": "Good",
    "choice_rating_4": "Very good",
    "choice_skip": "Skip",
    "choice_status": "Status",
    "choice_status_about": "Your consultation tickets and complaints",
    "choice_complaint": "Complaint",
    "choice_complaint_about": "File a complaint about our service",
    "choice_help": "Help",
    "choice_help_about": "How to use this service",
    "choice_done": "Done",
    "choice_done_about": "End the conversation",
    "choice_cancel_ticket": "Cancel the ticket",
    "choice_cancel": "CANCEL",
    "choice_send_request": "Yes, send it",
    "choice_change": "Change something",
    "choice_drop_request": "Cancel",
    "choice_none_fits": "None of these",
    "choices_button": "Choose",
    "choices_reply": "Reply with the number or the words of your choice:",
    "choices_reply_words": "Reply with one of:",
    "stale_tap": "That button belongs to an earlier question; we have moved on. Here is where we are:",
    # ---- rating reminder and the SKM survey (issue 17)
    "rating_reminder": "We are still waiting for your rating of ticket {ticket}: how would you rate our service?\n"
                       "1 = poor\n2 = fair\n3 = good\n4 = very good\nReply with 1–4, or type SKIP. "
                       "This conversation closes automatically in {days} days.",
    "survey_offer": "Would you fill in the Public Satisfaction Survey (9 short questions, about 2 minutes)? {url}\n"
                    "The link works until {until}.",
    "survey_title": "Public Satisfaction Survey",
    "survey_intro": "PST BPS Kota Lubuklinggau. Choose one answer to each question about the service you have just "
                    "received. The questions about you at the end may be left blank.",
    "survey_elements": (
        ("How well did the requirements match the kind of service?",
         ("Not matching", "Barely matching", "Matching", "Fully matching")),
        ("How easy was the service procedure?", ("Not easy", "Not very easy", "Easy", "Very easy")),
        ("How fast was the service?", ("Not fast", "Not very fast", "Fast", "Very fast")),
        ("How fair was the cost of the service?", ("Very expensive", "Rather expensive", "Cheap", "Free")),
        ("How well did what you received match the published service standard?",
         ("Not matching", "Barely matching", "Matching", "Fully matching")),
        ("How competent were the officers?", ("Not competent", "Barely competent", "Competent", "Very competent")),
        ("How polite and friendly were the officers?",
         ("Not polite", "Not very polite", "Polite and friendly", "Very polite and friendly")),
        ("How are complaints from service users handled?",
         ("Not at all", "A channel exists but does not work", "Works, not fully", "Well handled")),
        ("How good were the facilities?", ("Poor", "Adequate", "Good", "Very good")),
    ),
    "survey_profile": "About you (optional)",
    "survey_fields": {"sex": "Sex", "age_band": "Age", "education": "Education", "occupation": "Occupation"},
    "survey_options": {
        "sex": {"f": "Female", "m": "Male"},
        "age_band": {"lt20": "Under 20", "20_29": "20–29", "30_39": "30–39", "40_49": "40–49", "50_59": "50–59",
                     "60p": "60 or over"},
        "education": {"sd": "Primary or less", "smp": "Junior high", "sma": "Senior high", "diploma": "Diploma",
                      "s1": "Bachelor", "s2": "Master", "s3": "Doctorate"},
        "occupation": {"pns": "Civil servant", "tni_polri": "Military/police", "private": "Private employee",
                       "self": "Self-employed", "student": "Student", "other": "Other"},
    },
    "survey_blank": "— not given —",
    "survey_submit": "Send the survey",
    "survey_missing": "Please answer the questions marked; your other answers are kept in this form.",
    "survey_required": "Not answered yet",
    "survey_thanks": "Thank you. Your survey answers have been received and will help us improve the service.",
    "survey_already": "The survey for this service has already been filled in. Thank you; each service is rated once.",
    "survey_forged": "This survey link is not valid. Please open the link exactly as we sent it.",
    "survey_expired": "This survey link has expired. Thank you for being willing to help.",
    "survey_unknown": "The service this link is for was not found.",
    "survey_refused_title": "The survey cannot be opened",
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "month": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"),
    "datetime": "{weekday}, {day} {month} {year} at {time} WIB",
}
