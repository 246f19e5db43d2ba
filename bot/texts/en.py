"""Citizen-facing texts in English, used when the citizen writes in English."""

TEXTS = {
    "greet": "Welcome to the online statistical consultation of PST BPS Kota Lubuklinggau. The service is free.\n"
             "Before we start we need a few details.",
    "ask_name": "What is your full name?",
    "ask_name_profile": "Is your name *{name}*? Reply YES, or type your full name.",
    "bad_name": "Please type your full name (letters only, 2–120 characters), for example: Siti Aminah.",
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
    "ask_phone": "Thank you, {name}. Please type your phone/WhatsApp number (e.g. +6281234567890).",
    "bad_phone": "That phone number is not valid. Example: 081234567890 or +6281234567890.",
    "phone_taken": "That number is registered with another e-mail address. Type another number, or write from the registered address.",
    "registered": "You are registered. Thank you, {name}!",
    "welcome_back": "Welcome back, {name}.",
    "menu": "Please type your question about statistical data, metadata or classifications (KBLI, KBJI, …). "
            "We search our answers first; if none fits, an officer will help.\n"
            "Commands: STATUS (your tickets), COMPLAINT, HELP, DONE.",
    "menu_ticket": "Your ticket {ticket} is still open; whatever you write here goes to the officer. "
                   "Type DONE when you are finished, or CANCEL to cancel the ticket.",
    "help": "How to use this service:\n• Type your question in plain words.\n• MENU – back to the menu\n"
            "• STATUS – your consultation tickets\n• CANCEL – cancel this step\n• COMPLAINT – file a complaint\n"
            "• DONE – end the consultation\nTulis dalam Bahasa Indonesia kapan saja untuk beralih bahasa.",
    "help_registration": "We need your name, a working e-mail address and your phone number before the consultation. "
                         "Type CANCEL to stop.",
    "answers": "Here is what we found:\n{items}\nReply with a number for the full answer.\n"
               "Did this answer your question? Reply YES or NO.",
    "answer_item": "{n}. *{title}* — {summary}",
    "article": "*{title}*\n{body}",
    "article_tail": "Did this help? Reply YES or NO (we pass it on to an officer).",
    "helped": "Glad it helped! Any other question? Just type it, or type DONE.",
    "not_found": "Sorry, our knowledge base has no answer to that yet. We are opening a consultation with an officer; "
                 "please tell us a few details.",
    "not_helped": "All right, we will pass this on to an officer. Please tell us a few details.",
    "ask_data_needed": "What data or information do you need?",
    "ask_area": "For which area? (e.g. Kota Lubuklinggau, or a district)",
    "ask_period": "For which period or year? (e.g. 2023, or 2019–2023)",
    "ask_purpose": "What do you need the data for? (e.g. thesis, planning, business)",
    "detail_too_short": "Please write a little more.",
    "consultation_opened": "We have received your request as ticket *{ticket}*.\nAn officer will answer by {due} at the "
                           "latest. A follow-up by office visit or Zoom is possible. Write here to add anything.",
    "attached": "Your message was added to ticket {ticket}. An officer will reply soon.",
    "officer_reply": "PST officer ({officer}):\n{text}",
    "consultation_closed_officer": "Consultation {ticket} has been closed by the officer.",
    "consultation_closed_citizen": "Consultation {ticket} is closed. Thank you.",
    "consultation_closed_inactive": "Consultation {ticket} was closed automatically after 7 days without a reply.",
    "consultation_cancelled": "Ticket {ticket} has been cancelled.",
    "ask_rating": "How would you rate this service?\n1 = poor\n2 = fair\n3 = good\n4 = very good\nReply with 1–4.",
    "bad_rating": "Please reply with 1, 2, 3 or 4. Type MENU to skip the rating.",
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
    "status_complaint_line": "• {reference} – {status}, filed {filed}",
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
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "month": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"),
    "datetime": "{weekday}, {day} {month} {year} at {time} WIB",
}
