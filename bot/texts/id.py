"""Teks untuk warga, Bahasa Indonesia (bahasa utama layanan)."""

TEXTS = {
    "greet": "Selamat datang di layanan konsultasi statistik online PST BPS Kota Lubuklinggau. "
             "Layanan ini gratis.\nSebelum mulai, kami perlu data singkat Anda.",
    "ask_name": "Siapa nama lengkap Anda?",
    "ask_name_profile": "Apakah nama Anda *{name}*? Balas YA, atau ketik nama lengkap Anda.",
    "bad_name": "Mohon tulis nama lengkap Anda (huruf saja, 2–120 karakter), misalnya: Siti Aminah.",
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
    "ask_phone": "Terima kasih, {name}. Tulis nomor telepon/WhatsApp Anda (contoh: 0812xxxxxxxx).",
    "bad_phone": "Nomor telepon itu tidak valid. Contoh: 081234567890 atau +6281234567890.",
    "phone_taken": "Nomor itu sudah terdaftar dengan e-mail lain. Tulis nomor lain, atau hubungi kami dari e-mail yang terdaftar.",
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
            "Write in English any time to continue in English.",
    "help_registration": "Kami perlu nama, e-mail aktif, dan nomor telepon Anda sebelum konsultasi. "
                         "Ketik BATAL untuk berhenti.",
    "answers": "Ini yang kami temukan:\n{items}\nBalas dengan nomornya untuk jawaban lengkap.\n"
               "Apakah ini menjawab pertanyaan Anda? Balas YA atau TIDAK.",
    "answer_item": "{n}. *{title}* — {summary}",
    "article": "*{title}*\n{body}",
    "article_tail": "Apakah ini membantu? Balas YA atau TIDAK (kami teruskan ke petugas).",
    "helped": "Senang bisa membantu! Ada pertanyaan lain? Tulis saja, atau ketik SELESAI.",
    "not_found": "Maaf, jawaban untuk pertanyaan itu belum ada di basis pengetahuan kami. "
                 "Kami buka konsultasi dengan petugas; mohon lengkapi beberapa hal berikut.",
    "not_helped": "Baik, kami teruskan ke petugas. Mohon lengkapi beberapa hal berikut.",
    "ask_data_needed": "Data atau informasi apa yang Anda butuhkan?",
    "ask_area": "Untuk wilayah mana? (misalnya Kota Lubuklinggau, atau kecamatan tertentu)",
    "ask_period": "Untuk periode/tahun berapa? (misalnya 2023, atau 2019–2023)",
    "ask_purpose": "Untuk keperluan apa data ini? (misalnya skripsi, perencanaan, usaha)",
    "detail_too_short": "Mohon tulis sedikit lebih jelas.",
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
    "bad_rating": "Mohon balas dengan angka 1, 2, 3, atau 4. Ketik MENU untuk melewati penilaian.",
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
    "status_complaint_line": "• {reference} – {status}, disampaikan {filed}",
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
    "weekday": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "month": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"),
    "datetime": "{weekday}, {day} {month} {year} pukul {time} WIB",
}
