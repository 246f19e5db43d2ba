"""Teks untuk warga, Bahasa Indonesia (bahasa utama layanan)."""

TEXTS = {
    "greet": "Selamat datang di layanan konsultasi statistik online PST BPS Kota Lubuklinggau. "
             "Layanan ini gratis.\nSebelum mulai, kami perlu data singkat Anda.",
    "ask_name": "Siapa nama lengkap Anda?",
    "ask_name_profile": "Apakah nama Anda *{name}*? Balas YA, atau ketik nama lengkap Anda.",
    "bad_name": "Maaf, itu sepertinya bukan nama. Mohon tulis nama Anda saja (gelar boleh), misalnya: Siti Aminah "
                "atau Dr. Siti Aminah, S.Pd.",
    "name_corrected": "Baik, nama Anda kami ubah menjadi *{name}*.",
    "name_changed": "Nama Anda sudah diubah menjadi *{name}*.",
    "rename_how": "Untuk mengubah nama, ketik UBAH NAMA diikuti nama baru, misalnya: UBAH NAMA Siti Aminah.",
    "question_kept_registration": "Pertanyaan Anda kami simpan dan kami jawab tepat setelah pendaftaran selesai.",
    "email_typo": "Maksud Anda {email}? Balas YA, atau ketik alamat yang benar.",
    "no_email": "Standar Pelayanan Konsultasi Statistik PST BPS Kota Lubuklinggau mensyaratkan pengguna layanan "
                "memiliki alamat e-mail yang masih aktif.\n"
                "Yang bisa Anda lakukan:\n"
                "• Buat alamat e-mail gratis, misalnya di Gmail (accounts.google.com/signup, cukup beberapa menit), "
                "lalu tulis alamatnya di sini.\n"
                "• Atau datang langsung ke PST BPS Kota Lubuklinggau, Jl. Perumdam No.1, Lubuk Tanjung, "
                "Kec. Lubuk Linggau Barat I, pada jam kerja (telepon 0733323693), dengan membawa kartu identitas.\n"
                "Anda bisa kembali ke sini kapan saja.",
    "code_not_arrived": "Tidak apa-apa. Kode kadang baru sampai setelah satu–dua menit. Periksa juga folder Spam "
                        "atau Promosi di {email}. Bila tetap tidak ada, ketik KIRIM ULANG untuk kode baru, atau tulis "
                        "alamat e-mail lain bila alamat tadi keliru.",
    "ask_email": "Terima kasih, {name}. Tulis alamat e-mail aktif Anda. Kami akan mengirim kode 6 angka ke e-mail itu.",
    "bad_email": "Alamat e-mail itu tidak valid. Contoh yang benar: nama@gmail.com",
    "code_sent": "Kode 6 angka sudah kami kirim ke {email}. Balas dengan kode itu di sini "
                 "(berlaku {minutes} menit). Ketik KIRIM ULANG bila belum sampai, atau tulis e-mail lain untuk mengganti.",
    "code_mail_subject": "Kode verifikasi PST BPS Kota Lubuklinggau",
    "code_mail_body": "Kode verifikasi Anda: {code}\n\nKode berlaku {minutes} menit. Abaikan e-mail ini bila Anda "
                      "tidak sedang mendaftar di layanan konsultasi PST BPS Kota Lubuklinggau.",
    "mail_subject": "Konsultasi PST BPS Kota Lubuklinggau",
    "wrong_code": "Kode tidak cocok. Sisa percobaan: {left}. Ketik KIRIM ULANG untuk kode baru.",
    "code_locked": "Kode sudah kedaluwarsa atau salah terlalu sering. Tulis lagi alamat e-mail Anda untuk kode baru.",
    "code_limit_mails": "Demi keamanan, kode verifikasi tidak bisa kami kirim lagi untuk saat ini. "
                        "Silakan coba lagi mulai {when}. Mohon maaf atas ketidaknyamanannya.",
    "code_limit_wrong": "Kode salah sudah terlalu sering dimasukkan. Demi keamanan, silakan coba lagi mulai {when}, "
                        "lalu tulis alamat e-mail Anda untuk kode baru.",
    "ask_phone": "Terima kasih, {name}. Tulis nomor telepon/WhatsApp Anda (contoh: 0812xxxxxxxx).",
    "ask_phone_letter": "Terima kasih, {name}. Apakah nomor telepon/WhatsApp Anda {phone}? Balas YA, atau ketik "
                        "nomor lain.",
    "bad_phone": "Nomor telepon itu tidak valid. Contoh: 081234567890 atau +6281234567890.",
    "registered": "Pendaftaran selesai. Terima kasih, {name}!",
    "welcome_back": "Selamat datang kembali, {name}.",
    "menu": "Silakan tulis pertanyaan Anda tentang data statistik, metadata, atau klasifikasi (KBLI, KBJI, …). "
            "Kami cari dulu jawabannya; bila belum ada, petugas akan membantu.\n"
            "Perintah: STATUS (tiket Anda), PENGADUAN, BANTUAN, SELESAI.",
    "menu_ticket": "Tiket {ticket} Anda masih terbuka; pesan yang Anda tulis di sini diteruskan ke petugas. "
                   "Ketik SELESAI bila sudah cukup, atau BATAL untuk membatalkan tiket.",
    "help": "Cara memakai layanan ini:\n• Tulis pertanyaan Anda dengan kalimat biasa.\n"
            "• MENU – kembali ke menu\n• STATUS – tiket konsultasi Anda\n• BATAL – batalkan langkah ini\n"
            "• PENGADUAN – sampaikan pengaduan\n• SELESAI – akhiri konsultasi\n"
            "• DATA SAYA – salinan data Anda lewat e-mail\n• HAPUS DATA – hapus data Anda\n"
            "• UBAH NAMA <nama baru> – ubah nama Anda\n"
            "Write in English any time to continue in English.",
    "help_registration": "Kami perlu nama, e-mail aktif, dan nomor telepon Anda sebelum konsultasi. "
                         "Salah tulis nama? Ketik: bukan, nama saya … "
                         "Ketik BATAL untuk berhenti.",
    "answers": "Ini yang kami temukan:\n{items}\nBalas dengan nomor jawaban yang ingin Anda baca "
               "(bila tidak ada yang cocok, balas TIDAK).",
    "answer_item": "{n}. *{title}* — {summary}",
    "article": "*{title}*\n{body}",
    "article_tail": "Apakah ini membantu? Balas YA atau TIDAK (kami teruskan ke petugas).",
    "helped": "Senang bisa membantu! Ada pertanyaan lain? Tulis saja, atau ketik SELESAI.",
    "not_found": "Maaf, jawaban untuk pertanyaan itu belum ada di basis pengetahuan kami. "
                 "Kami buka konsultasi dengan petugas; mohon lengkapi beberapa hal berikut.",
    "not_helped": "Baik, kami teruskan ke petugas. Mohon lengkapi beberapa hal berikut.",
    "not_found_forwarded": "Maaf, jawaban untuk pertanyaan itu belum ada di basis pengetahuan kami. "
                           "Kami akan meneruskannya ke petugas.",
    "not_helped_forwarded": "Baik, kami akan meneruskannya ke petugas.",
    "ask_data": "Data atau informasi apa yang Anda butuhkan?",
    "ask_activity": "Apa kegiatan usaha atau pekerjaan yang dimaksud? (misalnya: jasa cuci pakaian kiloan, "
                    "guru honorer SD)",
    "ask_area": "Untuk wilayah mana? (misalnya Kota Lubuklinggau, atau kecamatan tertentu)",
    "ask_period": "Untuk periode/tahun berapa? (misalnya 2023, atau 2019–2023)",
    "ask_purpose": "Untuk keperluan apa data ini? (misalnya skripsi, perencanaan, usaha)",
    "reask_data": "Maaf, kami belum menangkap datanya. Tulis data yang dicari, misalnya \"jumlah UMKM per "
                  "kecamatan\". Bila tidak tahu, ketik LEWATI.",
    "reask_activity": "Maaf, kami belum menangkapnya. Ceritakan singkat apa yang dikerjakan, misalnya \"jasa cuci "
                      "pakaian kiloan\" atau \"mengajar di SD\". Bila tidak tahu, ketik LEWATI.",
    "reask_area": "Maaf, kami belum menangkap wilayahnya. Tulis nama tempatnya, misalnya \"Kota Lubuklinggau\" "
                  "atau \"Kecamatan Lubuklinggau Timur I\". Bila tidak tahu, ketik LEWATI.",
    "reask_period": "Maaf, kami belum menangkap periodenya. Tulis tahun atau rentangnya, misalnya \"2023\", "
                    "\"2019–2023\", \"5 tahun terakhir\" atau \"terbaru\". Bila tidak tahu, ketik LEWATI.",
    "reask_purpose": "Maaf, kami belum menangkap keperluannya. Tulis misalnya \"skripsi\", \"perencanaan "
                     "daerah\" atau \"usaha\". Bila tidak ingin menyebut, ketik LEWATI.",
    "detail_left_open": "Baik, bagian itu kami kosongkan; petugas akan menanyakannya bila perlu.",
    "detail_too_short": "Mohon tulis sedikit lebih jelas.",
    "request_summary": "Ringkasan permintaan Anda:\n{lines}\n\nBalas YA bila sudah benar, atau tulis yang perlu "
                       "diubah (misalnya \"periodenya 2020–2023\"). Ketik BATAL bila tidak jadi.",
    "request_line": "• {label}: {value}",
    "request_labels": {"question": "Pertanyaan", "type": "Jenis", "data": "Data", "activity": "Kegiatan usaha/pekerjaan",
                       "area": "Wilayah", "period": "Periode", "purpose": "Keperluan"},
    "request_types": {"data": "permintaan data", "classification": "kode klasifikasi (KBLI/KBJI/KBKI)",
                      "concept": "konsep atau metode", "service": "layanan atau prosedur", "other": "lainnya"},
    "detail_not_given": "– (belum disebut)",
    "what_to_change": "Bagian mana yang perlu diubah? Tulis misalnya \"wilayahnya Kecamatan Lubuklinggau Timur I\", "
                      "\"periodenya 2020–2023\" atau \"keperluannya skripsi\". Balas YA bila sudah benar.",
    "consultation_opened": "Permintaan Anda sudah kami terima dengan nomor tiket *{ticket}*.\n"
                           "Petugas akan menjawab paling lambat {due}. Bila perlu, tindak lanjut dapat melalui "
                           "kunjungan ke kantor atau Zoom. Tulis di sini bila ada tambahan.",
    "attached": "Pesan Anda sudah ditambahkan ke tiket {ticket}. Petugas akan segera membalas.",
    "officer_reply": "Petugas PST ({officer}):\n{text}",
    "consultation_closed_officer": "Konsultasi tiket {ticket} sudah ditutup oleh petugas.",
    "consultation_closed_citizen": "Konsultasi tiket {ticket} sudah ditutup. Terima kasih.",
    "consultation_closed_inactive": "Konsultasi tiket {ticket} ditutup otomatis karena 7 hari tidak ada balasan.",
    "consultation_cancelled": "Tiket {ticket} dibatalkan.",
    "ask_rating": "Bagaimana penilaian Anda atas layanan ini?\n1 = tidak baik\n2 = kurang baik\n3 = baik\n"
                  "4 = sangat baik\nBalas dengan angka 1–4.",
    "bad_rating": "Mohon balas dengan angka 1, 2, 3, atau 4 (atau ketik LEWATI).",
    "question_kept": "Pertanyaan Anda kami simpan dan kami jawab setelah penilaian. Mohon beri nilai 1–4 dulu "
                     "(atau ketik LEWATI).",
    "you_are_welcome": "Sama-sama! Tulis saja bila ada pertanyaan lain.",
    "never_mind": "Baik, tidak apa-apa. Tulis saja bila nanti ada pertanyaan.",
    "out_of_scope": "Maaf, pertanyaan itu di luar layanan kami: PST BPS Kota Lubuklinggau melayani konsultasi "
                    "data statistik, metadata, dan klasifikasi. Untuk hal itu tidak kami buatkan tiket.",
    "not_statistical": "Maaf, kami belum menangkap permintaan data di pesan itu. PST BPS Kota Lubuklinggau melayani "
                       "konsultasi data statistik, metadata, dan klasifikasi; bila Anda mencari data, tulis datanya, "
                       "misalnya: jumlah penduduk Lubuklinggau 2023.",
    "pointer_bmkg": "Untuk cuaca dan iklim, silakan hubungi BMKG.",
    "pointer_kpu": "Untuk pemilu dan daftar pemilih, silakan hubungi KPU.",
    "pointer_dukcapil": "Untuk KTP, KK, dan akta, silakan hubungi Dinas Dukcapil.",
    "pointer_samsat": "Untuk pajak dan surat kendaraan, silakan hubungi SAMSAT.",
    "pointer_bpjs": "Untuk kepesertaan BPJS, silakan hubungi kantor BPJS.",
    "pointer_polri": "Untuk laporan kehilangan atau kejadian, silakan hubungi kepolisian.",
    "answered_while_waiting": "Pesan ini juga kami teruskan ke petugas di tiket {ticket}.",
    "ticket_stays_open": "Tiket {ticket} tetap terbuka. Bila memang tidak perlu lagi, ketik BATAL.",
    "attached_handoff": "Pesan Anda sudah kami teruskan ke petugas di tiket {ticket}; petugas akan membalas di sini.",
    "ask_which_ticket": "Apakah pesan ini tambahan untuk tiket {ticket}? Balas YA, atau BARU bila ini pertanyaan baru.",
    "ask_comment": "Terima kasih atas nilai {score} ({label}). Ada saran atau komentar? Tulis di sini, atau ketik LEWATI.",
    "thanks_rating": "Terima kasih atas penilaian Anda. Ada pertanyaan lain? Tulis saja.",
    "offer_complaint": "Mohon maaf layanan kami belum memuaskan. Ingin menyampaikan pengaduan? Balas YA atau TIDAK.",
    "ask_complaint": "Silakan tulis pengaduan Anda (apa yang terjadi, kapan, dan harapan Anda).",
    "complaint_too_short": "Mohon jelaskan pengaduan Anda dalam satu atau dua kalimat.",
    "complaint_filed": "Mohon maaf atas ketidaknyamanan yang Anda alami. Pengaduan Anda sudah kami catat dengan nomor "
                       "*{reference}* dan akan ditindaklanjuti; ketik STATUS untuk melihat perkembangannya. Pengaduan "
                       "juga dapat disampaikan melalui kotak saran & pengaduan di PST BPS Kota Lubuklinggau, "
                       "lapor.go.id, pengaduan.bps.go.id, atau e-mail ipds1674@bps.go.id.",
    "complaint_contact": "Agar kami dapat mengabarkan tindak lanjutnya, mohon lengkapi data singkat Anda.",
    "status_complaints_header": "Pengaduan Anda:",
    "status_complaint_line": "• {reference} – {status}, disampaikan {filed}{due}",
    "status_complaint_due": ", tanggapan paling lambat {due}",
    "status_complaint_channels": "Pengaduan juga dapat disampaikan melalui kotak saran & pengaduan di PST BPS Kota "
                                 "Lubuklinggau, lapor.go.id, pengaduan.bps.go.id, atau e-mail ipds1674@bps.go.id.",
    "complaint_response_subject": "Tanggapan atas pengaduan {reference}",
    "complaint_response": "Tanggapan atas pengaduan *{reference}*:\n\n{answer}\n\n– {officer}, PST BPS Kota "
                          "Lubuklinggau",
    "complaint_status_new": "diterima",
    "complaint_status_in_progress": "sedang ditangani",
    "complaint_status_answered": "sudah dijawab",
    "complaint_status_closed": "selesai",
    "status_none": "Anda tidak punya tiket konsultasi yang terbuka.",
    "status_line": "• {ticket} – {status}, dibuka {opened}{due}",
    "status_due": ", jawaban paling lambat {due}",
    "status_header": "Tiket konsultasi Anda:",
    "status_open": "menunggu petugas",
    "status_in_progress": "sedang ditangani",
    "status_unregistered": "Anda belum terdaftar. Mari selesaikan pendaftaran dulu.",
    "cancelled": "Dibatalkan.",
    "registration_cancelled": "Pendaftaran dibatalkan. Kirim pesan kapan saja untuk mulai lagi.",
    "nothing_to_cancel": "Tidak ada yang perlu dibatalkan.",
    "goodbye": "Terima kasih telah menggunakan layanan PST BPS Kota Lubuklinggau. Sampai jumpa!",
    "engine_error": "Maaf, pesan Anda belum bisa kami proses otomatis. Petugas akan membacanya dan membalas di sini.",
    "not_understood": "Maaf, kami belum memahami pesan itu.",
    "text_only": "Maaf, kami hanya bisa membaca pesan teks. Mohon tulis pertanyaan Anda.",
    "inactivity_reminder": "Kami belum menerima balasan Anda. Percakapan ini akan ditutup otomatis dalam {days} hari "
                           "bila tidak ada balasan.",
    "conversation_closed_inactive": "Percakapan ditutup karena tidak ada balasan. Kirim pesan kapan saja untuk mulai lagi.",
    "followup_zoom": "Undangan tindak lanjut tiket {ticket}: pertemuan Zoom dengan petugas PST pada {when}.\n"
                     "Tautan: {link}",
    "followup_visit": "Undangan tindak lanjut tiket {ticket}: kunjungan ke {office} pada {when}. "
                      "Sebutkan nomor tiket saat tiba.",
    "followup_reminder": "Pengingat untuk besok — {invitation}",
    "followup_subject": "Tindak lanjut konsultasi {ticket}",
    "followup_rescheduled": "Jadwal diubah — {invitation}",
    "followup_cancelled": "Tindak lanjut tiket {ticket} pada {when} dibatalkan. Petugas PST akan menghubungi Anda "
                          "bila perlu jadwal baru.",
    # personal data (UU 27/2022); bump NOTICE_VERSION in bot/texts/__init__.py when the notice changes
    "privacy_notice": "Pemberitahuan privasi:\n• Yang kami simpan: nama, e-mail, nomor telepon, pesan dan lampiran "
                      "Anda, serta tiket konsultasi.\n• Untuk apa: menjawab konsultasi Anda dan mengukur mutu layanan.\n"
                      "• Berapa lama: {retention} setelah konsultasi selesai, lalu dihapus.\n"
                      "• Pengelola data: BPS Kota Lubuklinggau (ipds1674@bps.go.id).\n"
                      "• Hak Anda: ketik DATA SAYA untuk meminta salinan data Anda, atau HAPUS DATA untuk menghapusnya.",
    "privacy_notice_updated": "Pemberitahuan privasi kami sudah diperbarui. Mohon baca dan setujui sekali lagi.",
    "consent_question": "Apakah Anda setuju? Balas SETUJU untuk lanjut, atau TIDAK.",
    "consent_help": "Kami perlu persetujuan Anda sebelum menyimpan data untuk konsultasi online.",
    "consent_refused": "Baik, tidak apa-apa. Tanpa persetujuan itu kami tidak bisa melayani konsultasi online, karena "
                       "kami perlu menyimpan data Anda untuk menjawabnya. Anda tetap bisa datang langsung ke PST BPS "
                       "Kota Lubuklinggau (Jl. Perumdam No.1, Lubuk Tanjung) pada jam kerja, atau menelepon "
                       "0733323693. Kirim pesan kapan saja bila Anda berubah pikiran.",
    "consent_thanks": "Terima kasih atas persetujuan Anda.",
    "duration_years": "{n} tahun",
    "duration_days": "{n} hari",
    "my_data_sent": "Salinan data Anda sudah kami kirim ke e-mail terdaftar ({email}). Demi keamanan, data tidak kami "
                    "tampilkan di sini.",
    "my_data_no_email": "Kami belum punya e-mail terverifikasi atas nama Anda, jadi salinan data tidak bisa dikirim. "
                        "Silakan datang ke PST BPS Kota Lubuklinggau dengan KTP, atau tulis ke ipds1674@bps.go.id.",
    "my_data_subject": "Salinan data pribadi Anda – PST BPS Kota Lubuklinggau",
    "my_data_body": "Anda meminta salinan data yang kami simpan tentang Anda (ketik HAPUS DATA di chat untuk "
                    "menghapusnya). Rinciannya di bawah ini.\n\n{data}",
    "erase_confirm": "Anda meminta kami MENGHAPUS data Anda: nama, e-mail, nomor telepon, semua pesan dan lampiran. "
                     "Tiket yang masih terbuka akan ditutup. Ini tidak bisa dibatalkan.\n"
                     "Ketik HAPUS untuk menghapus, atau pesan lain untuk membatalkan.",
    "erase_cancelled": "Baik, data Anda tidak dihapus.",
    "erase_done": "Data Anda sudah dihapus. Terima kasih telah menggunakan layanan PST BPS Kota Lubuklinggau. Bila "
                  "menulis lagi, Anda akan dilayani sebagai pengguna baru.",
    # choices (bot/choices.py): button and row labels fit WhatsApp's limits (button 20, row 24, description 72)
    "choice_yes": "Ya",
    "choice_no": "Tidak",
    "choice_agree": "Setuju",
    "choice_refuse": "Tidak setuju",
    "choice_same_ticket": "Ya, untuk tiket itu",
    "choice_new_question": "Pertanyaan baru",
    "choice_new": "baru",
    "choice_rating_1": "Tidak baik",
    "choice_rating_2": "Kurang baik",
    "choice_rating_3": "Baik",
    "choice_rating_4": "Sangat baik",
    "choice_skip": "Lewati",
    "choice_status": "Status",
    "choice_status_about": "Tiket konsultasi dan pengaduan Anda",
    "choice_complaint": "Pengaduan",
    "choice_complaint_about": "Sampaikan pengaduan tentang layanan kami",
    "choice_help": "Bantuan",
    "choice_help_about": "Cara memakai layanan ini",
    "choice_done": "Selesai",
    "choice_done_about": "Akhiri percakapan",
    "choice_cancel_ticket": "Batalkan tiket",
    "choice_cancel": "BATAL",
    "choice_send_request": "Ya, kirim",
    "choice_change": "Ubah",
    "choice_drop_request": "Batal",
    "choice_none_fits": "Tidak ada yang cocok",
    "choices_button": "Pilih",
    "choices_reply": "Balas dengan nomor atau kata pilihan Anda:",
    "choices_reply_words": "Balas dengan salah satu:",
    "stale_tap": "Tombol itu untuk pertanyaan sebelumnya; percakapan kita sudah berlanjut. "
                 "Ini pertanyaan kita sekarang:",
    # ---- rating reminder and the SKM survey (issue 17)
    "rating_reminder": "Kami masih menunggu penilaian Anda untuk tiket {ticket}: bagaimana pendapat Anda tentang "
                       "layanan kami?\n1 = tidak baik\n2 = kurang baik\n3 = baik\n4 = sangat baik\n"
                       "Balas dengan angka 1–4, atau ketik LEWATI. Percakapan ini ditutup otomatis dalam "
                       "{days} hari.",
    "survey_offer": "Bersediakah Anda mengisi Survei Kepuasan Masyarakat (9 pertanyaan singkat, sekitar 2 menit)? "
                    "{url}\nTautan ini berlaku sampai {until}.",
    "survey_title": "Survei Kepuasan Masyarakat",
    "survey_intro": "PST BPS Kota Lubuklinggau. Pilih satu jawaban untuk setiap pertanyaan tentang layanan yang "
                    "baru Anda terima. Data diri di bagian akhir boleh dikosongkan.",
    "survey_elements": (
        ("Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
         ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
        ("Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
         ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
        ("Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
         ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
        ("Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
         ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
        ("Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
         "pelayanan dengan hasil yang diberikan?", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
        ("Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
         ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
        ("Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
         ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah")),
        ("Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
         ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik")),
        ("Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
         ("Buruk", "Cukup", "Baik", "Sangat baik")),
    ),
    "survey_profile": "Tentang Anda (boleh dikosongkan)",
    "survey_fields": {"sex": "Jenis kelamin", "age_band": "Umur", "education": "Pendidikan terakhir",
                      "occupation": "Pekerjaan"},
    "survey_options": {
        "sex": {"f": "Perempuan", "m": "Laki-laki"},
        "age_band": {"lt20": "Di bawah 20 tahun", "20_29": "20–29 tahun", "30_39": "30–39 tahun",
                     "40_49": "40–49 tahun", "50_59": "50–59 tahun", "60p": "60 tahun ke atas"},
        "education": {"sd": "SD atau di bawahnya", "smp": "SMP", "sma": "SMA/sederajat", "diploma": "D1–D4",
                      "s1": "S1", "s2": "S2", "s3": "S3"},
        "occupation": {"pns": "PNS", "tni_polri": "TNI/Polri", "private": "Pegawai swasta",
                       "self": "Wiraswasta/usahawan", "student": "Pelajar/mahasiswa", "other": "Lainnya"},
    },
    "survey_blank": "— tidak diisi —",
    "survey_submit": "Kirim survei",
    "survey_missing": "Mohon jawab pertanyaan yang ditandai; jawaban lain tetap tersimpan di formulir ini.",
    "survey_required": "Belum dijawab",
    "survey_thanks": "Terima kasih. Jawaban survei Anda sudah kami terima dan akan dipakai untuk memperbaiki layanan.",
    "survey_already": "Survei untuk layanan ini sudah diisi. Terima kasih; setiap layanan dinilai satu kali.",
    "survey_forged": "Tautan survei ini tidak sah. Mohon buka tautan persis seperti yang kami kirim.",
    "survey_expired": "Tautan survei ini sudah tidak berlaku. Terima kasih atas kesediaan Anda.",
    "survey_unknown": "Layanan untuk tautan ini tidak ditemukan.",
    "survey_refused_title": "Survei tidak dapat dibuka",
    "weekday": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "month": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"),
    "datetime": "{weekday}, {day} {month} {year} pukul {time} WIB",
}
