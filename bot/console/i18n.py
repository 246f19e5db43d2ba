"""Console UI language: Bahasa Indonesia is the source text, English is a lookup beside it.

Templates write ``_("Kotak masuk")``; in English the phrase is looked up in :data:`EN`, and a
phrase missing there shows in Indonesian (a test checks every phrase used has an entry).
"""
from __future__ import annotations

from flask import Flask, session
from flask_login import current_user

LANGS = ("id", "en")
EN = {
    "Konsol PST": "PST console", "Masuk": "Log in", "Keluar": "Log out", "Nama pengguna": "Username",
    "Kata sandi": "Password", "Nama pengguna atau kata sandi salah.": "Wrong username or password.",
    "Terlalu banyak percobaan. Coba lagi dalam %d detik.": "Too many attempts. Try again in %d seconds.",
    "Ganti kata sandi": "Change password", "Kata sandi sekarang": "Current password",
    "Kata sandi baru": "New password", "Ulangi kata sandi baru": "Repeat the new password",
    "Kata sandi sekarang salah.": "The current password is wrong.",
    "Ulangan kata sandi baru tidak sama.": "The repeated new password does not match.",
    "Kata sandi baru minimal 10 karakter.": "The new password needs at least 10 characters.",
    "Kata sandi baru tidak boleh memuat nama pengguna atau nama Anda.":
        "The new password must not contain your username or your name.",
    "Kata sandi baru terlalu umum atau mudah ditebak; pakai beberapa kata yang tidak saling berhubungan.":
        "The new password is too common or too easy to guess; use a few unrelated words.",
    "Kata sandi diganti; Anda keluar dari peramban lain.":
        "Password changed; your other browsers have been logged out.",
    "Minimal 10 karakter; beberapa kata yang tidak saling berhubungan mudah diingat dan sulit ditebak.":
        "At least 10 characters; a few unrelated words are easy to remember and hard to guess.",
    "Silakan masuk.": "Please log in.", "Kotak masuk": "Inbox", "Pengetahuan": "Knowledge",
    "Dasbor": "Dashboard", "Belum ditugaskan": "Unassigned", "Milik saya": "Mine",
    "Menunggu warga": "Waiting for citizen", "Lewat tenggat": "Breached", "Semua terbuka": "All open",
    "Cari tiket, nama, e-mail, telepon, teks": "Search ticket, name, e-mail, phone, text", "Cari": "Search",
    "Tiket": "Ticket", "Warga": "Citizen", "Kanal": "Channel", "Tenggat": "Due", "Petugas": "Officer",
    "Status": "Status", "Tidak ada konsultasi di sini.": "No consultations here.", "Ambil": "Claim",
    "Tersedia": "Available", "Tidak tersedia": "Unavailable", "Hasil pencarian": "Search results",
    "Ubah ketersediaan": "Toggle availability", "Pertanyaan": "Question", "Riwayat": "History",
    "Balas": "Reply", "Kirim balasan": "Send reply", "Catatan internal": "Internal notes",
    "Tambah catatan": "Add note", "Saran jawaban": "Suggested answers", "Sisipkan": "Insert", "kurang yakin": "less sure",
    "Abaikan": "Dismiss", "Diabaikan.": "Dismissed.",
    # Assignment, transfer, takeover, the team page (issue 16 item 5).
    "%d tiket terbuka": "%d open tickets", "%s tersedia.": "%s is available.",
    "%s tidak tersedia.": "%s is unavailable.",
    "Alasan pengalihan wajib diisi.": "A reason for the transfer is required.",
    "Alasan terlalu panjang: paling banyak 1000 karakter.": "The reason is too long: 1000 characters at most.",
    "Alihkan": "Transfer", "Ambil alih": "Take over", "Anda ikut pembagian otomatis.": "You now take round-robin tickets.",
    "Anda tidak ikut pembagian otomatis.": "You no longer take round-robin tickets.",
    "Berhenti ikut pembagian otomatis": "Stop taking round-robin tickets", "Dialihkan": "Transferred",
    "Diambil": "Claimed", "Diambil alih": "Taken over", "Dibagikan otomatis": "Assigned by round-robin",
    "Ditugaskan": "Assigned", "Dialihkan karena lewat tenggat": "Moved after its due time",
    "Hanya tiket terbuka yang lewat tenggat yang bisa diambil alih.": "Only open, overdue tickets can be taken over.",
    "Ikut pembagian otomatis": "Take round-robin tickets", "Kantor sedang buka.": "The office is open.",
    "Kantor sedang tutup: tiket baru menunggu sampai kantor buka.":
        "The office is closed: new tickets wait until it opens.",
    "Ketersediaan": "Availability", "Pilih petugas yang menerima tiket.": "Choose the officer who receives the ticket.",
    "Riwayat penugasan": "Assignment history", "Supervisor": "Supervisor",
    "Tiket %s dialihkan kepada Anda oleh %s": "Ticket %s was transferred to you by %s",
    "Tiket dialihkan ke %s.": "Ticket transferred to %s.", "Tiket diambil alih.": "Ticket taken over.",
    "Tiket dibagikan otomatis hanya pada jam kerja kantor, kepada petugas yang tersedia; supervisor hanya jika ikut.":
        "Tickets are handed out automatically only in office hours, to available officers; to supervisors only if "
        "they opt in.",
    "Tiket ini sudah Anda pegang.": "You already hold this ticket.",
    "Tiket ini sudah dipegang petugas itu.": "That officer already holds this ticket.",
    "Tiket sudah berpindah tangan; muat ulang halaman.": "The ticket has changed hands meanwhile; reload the page.",
    "Tiket terbuka": "Open tickets", "Tim": "Team", "tersedia": "available", "tidak tersedia": "unavailable",
    "ikut pembagian otomatis": "takes round-robin tickets",
    "tidak ikut pembagian otomatis": "does not take round-robin tickets",
    # What is stored, shown (issue 16 item 7).
    "Perubahan petugas lain": "The other officer's change",
    "Petugas lain menyimpan artikel ini lebih dulu. Bandingkan, lalu simpan lagi.":
        "Another officer saved this article first. Compare, then save again.",
    "Teks yang tersimpan": "The saved text", "Versi": "Version", "disimpan oleh": "saved by", "ditutup": "closed",
    "ketikan Anda": "your text", "tersimpan": "saved",
    "Tutup konsultasi": "Close consultation", "Hasil layanan": "Outcome", "Tutup": "Close",
    "Tindak lanjut": "Follow-up", "Zoom": "Zoom", "Kunjungan kantor": "Office visit", "Waktu": "Time",
    "Tautan Zoom": "Zoom link", "Jadwalkan": "Schedule", "Alihkan ke": "Transfer to", "Tugaskan": "Assign",
    "Penilaian": "Rating", "Konsultasi ini sudah ditutup.": "This consultation is closed.",
    "Balasan masuk antrean kirim.": "Reply queued for sending.", "Balasan kosong.": "The reply is empty.",
    "Terlalu panjang: paling banyak 4000 karakter.": "Too long: 4,000 characters at most.",
    "Catatan disimpan.": "Note saved.", "Catatan kosong.": "The note is empty.",
    "Konsultasi ditutup; warga diminta memberi penilaian.": "Consultation closed; the citizen is asked for a rating.",
    "Jendela 24 jam WhatsApp sudah tertutup: pesan bebas bisa ditolak. Pertimbangkan e-mail":
        "WhatsApp's 24-hour window is closed: a free-form message may be refused. Consider e-mail",
    "Undangan tindak lanjut masuk antrean kirim.": "Follow-up invitation queued for sending.",
    "belum terverifikasi": "not verified", "Tiket diambil.": "Ticket claimed.", "Tiket sudah dipegang petugas lain.": "Another officer already holds it.",
    "Tiket ditugaskan.": "Ticket assigned.", "Anda tidak boleh melakukan itu.": "You may not do that.",
    "Artikel": "Articles", "Artikel baru": "New article", "Judul": "Title", "Isi": "Body",
    "Variasi pertanyaan (satu per baris)": "Question phrasings (one per line)", "Label": "Tags",
    "Bahasa": "Language", "Aktif": "Active", "Simpan": "Save", "Ubah": "Edit", "Sumber": "Source",
    "Diperbarui": "Updated", "Artikel disimpan.": "Article saved.", "Judul dan isi wajib diisi.":
        "Title and body are required.", "Pertanyaan tak terjawab": "Unanswered questions", "Jumlah": "Count",
    "Terakhir": "Last", "Jadikan artikel": "Turn into article", "Sudah jadi artikel": "Has an article",
    "Volume per kanal dan hari": "Volume per channel and day", "Pesan masuk": "Inbound messages",
    "Konsultasi dibuka": "Consultations opened", "Respons pertama (jam kerja)": "First response (working hours)",
    "Penyelesaian (jam kerja)": "Resolution (working hours)", "Kepatuhan SLA": "SLA compliance",
    "Pelanggaran terbuka": "Open breaches", "Rata-rata": "Average", "Median": "Median",
    "Unduh CSV": "Download CSV", "Antrean kerja": "Job queues", "Antrean": "Queue", "Menunggu": "Waiting",
    "Gagal": "Failed", "Terjadwal": "Scheduled", "Pekerja": "Workers", "Redis tidak terjangkau": "Redis unreachable",
    # dashboard: per officer, topics, off-hours answers; channel and close labels; the admin queue page
    "Obrolan uji": "Test chat", "WhatsApp": "WhatsApp", "E-mail": "E-mail", "Ditutup petugas": "Closed by officer", "Ditutup warga": "Closed by citizen",
    "Warga tidak menjawab": "Citizen did not reply", "Data warga dihapus": "Citizen's data erased",
    "Berjalan": "Running", "Beban kerja per petugas": "Workload per officer", "Dijawab tepat waktu": "Answered in time",
    "Dijawab terlambat": "Answered late", "Median respons pertama (jam kerja)": "Median first response (working hours)",
    "di luar jam kerja": "outside office hours",
    "di luar jam kerja, sebelum kantor buka (tidak masuk median)":
        "outside office hours, before the office opened (not in the median)",
    "Waktu dihitung dalam jam kerja kantor sejak kantor buka berikutnya setelah pertanyaan; jawaban yang dikirim "
    "saat kantor tutup, sebelum kantor buka lagi, dihitung terpisah.":
        "Times are office working hours from the office's next opening after the question; answers sent while "
        "the office was closed, before it opened again, are counted apart.",
    "Terbuka dan lewat tenggat: tiket yang dipegang sekarang. Jawaban: jawaban pertama tiket yang dibuka dalam "
    "periode ini, dihitung untuk petugas yang mengirimnya.":
        "Open and overdue: tickets held now. Answers: the first answer of tickets opened in this period, credited "
        "to the officer who sent it.",
    "Topik menurut jenis permintaan": "Topics by request type",
    "Topik menurut artikel pengetahuan": "Topics by knowledge article", "Belum diisi": "Not filled in",
    "Tidak cocok dengan artikel mana pun": "No matching article",
    "Tugas latar belakang (pengiriman, pembacaan e-mail, pengingat). Hanya untuk admin.":
        "Background jobs (sending, reading mail, reminders). Admins only.",
    "hari terakhir": "last days", "Periode": "Period", "tidak ada": "none", "Lampiran": "Attachments",
    "Petugas tersedia": "Available officers", "Bot": "Bot", "Sistem": "System", "antre": "queued",
    "mengirim": "sending", "terkirim": "sent", "diterima": "delivered", "dibaca": "read", "gagal": "failed",
    "Ditutup": "Closed", "Terbuka": "Open", "Sedang dilayani": "In progress", "Dibatalkan": "Cancelled",
    "tiket lain": "other ticket", "Skor": "Score", "Komentar": "Comment", "Belum ada penilaian.": "No rating yet.",
    "Jenis permintaan": "Request type", "Data yang dibutuhkan": "Data needed", "permintaan data": "data request",
    "kode klasifikasi": "classification code", "konsep atau metode": "concept or method",
    "layanan atau prosedur": "service or procedure", "lainnya": "other",
    "Daerah": "Area", "Periode data": "Data period", "Keperluan": "Purpose", "Dibuka": "Opened",
    "Belum ada pesan.": "No messages yet.", "Pesan baru muncul otomatis.": "New messages appear by themselves.",
    "Tidak ditemukan.": "Not found.", "Kirim lewat e-mail": "Send by e-mail", "Akun petugas": "Officer accounts", "Peran": "Role",
    "Akun disimpan.": "Account saved.",
    "Akun baru dan kata sandi: flask --app wsgi officer create": "New accounts and passwords: flask --app wsgi officer create", "Daftar": "List", "Dijadwalkan": "Scheduled", "Tidak ada": "None",
    "Perlu perhatian": "Needs attention", "Dari / ke": "From / to", "Masalah": "Problem", "Pesan": "Message",
    "Surat yang ditahan atau tak terbaca, pesan yang gagal diproses, kiriman yang macet.":
        "Mail held or unreadable, messages that failed to process, sends that got stuck.",
    "Lihat pesan": "View message", "Tidak ada yang perlu perhatian.": "Nothing needs attention.",
    "Subjek": "Subject", "Surat asli": "Original mail", "dipotong": "cut short", "Tandai selesai": "Mark handled",
    "Ditandai selesai.": "Marked handled.", "Sudah ditangani petugas lain.": "Another officer already handled it.",
    "tak terkirim": "undeliverable", "Kirim ulang lewat e-mail": "Resend by e-mail",
    "Pesan ini tidak bisa dikirim ulang lewat e-mail.": "This message cannot be resent by e-mail.",
    "Dikirim ulang lewat e-mail.": "Resent by e-mail.",
    "Tindak lanjut ini sudah lewat atau dibatalkan.": "This follow-up is past or cancelled.",
    "Tindak lanjut dibatalkan; warga diberi tahu.": "Follow-up cancelled; the citizen was told.",
    "Jadwal tindak lanjut diubah; warga diberi tahu.": "Follow-up rescheduled; the citizen was told.",
    "Ubah jadwal atau batalkan": "Reschedule or cancel", "Waktu baru": "New time", "Ubah jadwal": "Reschedule",
    "Batalkan tindak lanjut": "Cancel follow-up",
    "Sesi Anda sudah berakhir; halaman ini tidak diperbarui lagi.":
        "Your session has ended; this page is no longer updated.", "Masuk lagi": "Log in again",
    "Data pribadi": "Personal data", "Alasan": "Reason", "Unduh data (JSON)": "Download data (JSON)",
    "Kirim data ke e-mail warga": "Send data to the citizen's e-mail", "Hapus data warga": "Erase citizen's data",
    "Nama, alamat, semua pesan dan lampiran warga ini dihapus; tiket terbuka ditutup. Tidak bisa dibatalkan.":
        "This citizen's name, addresses, all messages and attachments are erased; open tickets are closed. "
        "This cannot be undone.",
    "Saya yakin": "I am sure", "Hapus data": "Erase data", "Data warga ini sudah dihapus.":
        "This citizen's data has been erased.", "Data warga dihapus.": "The citizen's data was erased.",
    "Isi alasan dan centang konfirmasi untuk menghapus.": "Give a reason and tick the confirmation to erase.",
    "Warga ini tidak punya e-mail terverifikasi.": "This citizen has no verified e-mail address.",
    "Salinan data dikirim ke e-mail warga.": "A copy of the data was sent to the citizen's e-mail.",
    "Log akses data": "Data access log", "Oleh": "By", "Tindakan": "Action", "Lebih baru": "Newer",
    "Lebih lama": "Older",
    "Siapa membuka, mengekspor, atau menghapus data warga (terbaru di atas).":
        "Who opened, exported or erased citizens' data (newest first).",
    "Ubah permintaan": "Correct the request", "Simpan permintaan": "Save request",
    "Riwayat perubahan permintaan": "Request change history", "Permintaan disimpan.": "Request saved.",
    "Tidak ada yang berubah.": "Nothing changed.", "%s terlalu panjang.": "%s is too long.",
    "Disimpan petugas lain sementara itu:": "Saved by another officer meanwhile:",
    "%s wajib diisi.": "%s is required.", "%s tidak dikenal.": "%s is not a known value.",
    "Petugas lain mengubah permintaan ini lebih dulu. Periksa perubahannya, lalu simpan lagi.":
        "Another officer changed this request first. Check their change, then save again.",
    "Keterangan": "Legend", "Prioritas": "Priority", "Tandai prioritas": "Flag as priority",
    "Hapus tanda prioritas": "Remove priority flag", "Ditandai prioritas.": "Flagged as priority.",
    "Tanda prioritas dihapus.": "Priority flag removed.", "Ditandai oleh": "Flagged by", "oleh": "by",
    "tenggat": "due", "Warga belum mendapat jawaban pertama.": "The citizen has not had a first answer yet.",
    "kurang dari separuh waktu layanan terpakai": "less than half of the service time used",
    "separuh waktu layanan atau lebih terpakai": "half of the service time or more used",
    "lewat tenggat, belum dijawab": "past due, not answered", "sudah dijawab": "answered",
    "ditandai petugas, tampil paling atas": "flagged by an officer, listed first",
    "Sisa waktu dihitung dalam jam kerja kantor (WIB), tanpa akhir pekan dan hari libur.":
        "Time left is counted in office working hours (WIB), without weekends and holidays.",
    "1 menit lagi": "1 minute left", "%d menit lagi": "%d minutes left", "1 jam lagi": "1 working hour left",
    "%d jam lagi": "%d working hours left", "1 hari kerja lagi": "1 working day left",
    "%d hari kerja lagi": "%d working days left", "lewat 1 menit": "1 minute overdue",
    "lewat %d menit": "%d minutes overdue", "lewat 1 jam": "1 working hour overdue",
    "lewat %d jam": "%d working hours overdue", "lewat 1 hari kerja": "1 working day overdue",
    "lewat %d hari kerja": "%d working days overdue", "jatuh tempo sekarang": "due now", "lewat tenggat": "overdue",
    # Errors inside the console (bot.console.errors, close confirmation, follow-up form, kept reply).
    "Kode": "Code", "Kode rujukan": "Reference", "Kembali ke kotak masuk": "Back to the inbox",
    "Permintaan tidak bisa diproses": "The request could not be processed",
    "Formulir ini sudah kedaluwarsa atau isinya tidak valid. Muat ulang halaman lalu coba lagi.":
        "This form has expired or its content is not valid. Reload the page and try again.",
    "Akses ditolak": "Access denied", "Peran Anda tidak boleh membuka halaman ini.":
        "Your role may not open this page.",
    "Halaman tidak ditemukan": "Page not found",
    "Tiket atau halaman ini tidak ada. Periksa nomor tiketnya.":
        "This ticket or page does not exist. Check the ticket number.",
    "Alamat ini tidak menerima permintaan seperti itu.": "This address does not accept that kind of request.",
    "Terjadi kesalahan": "Something went wrong",
    "Ada yang salah di server; tindakan Anda mungkin belum tersimpan. Coba lagi sebentar lagi, atau laporkan "
    "kode rujukan di bawah ke admin.":
        "Something went wrong on the server; what you did may not have been saved. Try again in a moment, or "
        "give the reference below to the admin.",
    "Balasan yang Anda ketik sebelum sesi berakhir dipulihkan; periksa lalu kirim.":
        "The reply you typed before your session ended has been restored; check it, then send.",
    "Tutup konsultasi…": "Close consultation…", "Ya, tutup konsultasi": "Yes, close the consultation",
    "Batal, kembali ke tiket": "No, back to the ticket",
    "Warga diberi tahu bahwa konsultasi selesai dan diminta memberi penilaian. Balasan tidak bisa dikirim "
    "lagi pada tiket ini.":
        "The citizen is told the consultation is finished and asked for a rating. No more replies can be sent "
        "on this ticket.",
    "Jenis": "Kind", "Tindak lanjut belum dijadwalkan: perbaiki isian yang ditandai.":
        "The follow-up was not scheduled: correct the marked fields.",
    "Pilih Zoom atau kunjungan kantor.": "Choose Zoom or office visit.",
    "Isi tanggal dan jam.": "Fill in the date and time.",
    "Waktu ini sudah lewat; pilih waktu yang akan datang.": "This time has passed; choose a time ahead.",
    "Kantor tutup pada waktu itu (akhir pekan, hari libur, atau di luar jam buka).":
        "The office is closed then (weekend, holiday or outside opening hours).",
    "Tautan Zoom wajib untuk pertemuan Zoom.": "A Zoom meeting needs its Zoom link.",
    "Tautan harus diawali https://": "The link must start with https://",
    "Lampiran (satu berkas: xlsx, csv, pdf, docx, jpg, png)": "Attachment (one file: xlsx, csv, pdf, docx, jpg, png)",
    "Jenis berkas ini tidak bisa dikirim: pakai xlsx, csv, pdf, docx, jpg atau png.":
        "This kind of file cannot be sent: use xlsx, csv, pdf, docx, jpg or png.",
    "Berkas kosong.": "The file is empty.",
    "Isi berkas tidak sesuai dengan jenis pada namanya.": "The file's content does not match the type in its name.",
    "WhatsApp tidak menerima CSV: kirim sebagai xlsx, atau lewat e-mail.":
        "WhatsApp does not take CSV: send it as xlsx, or by e-mail.",
    "Berkas terlalu besar untuk kanal ini (WhatsApp: gambar 5 MB, lainnya 16 MB; e-mail: %d MB).":
        "The file is too large for this channel (WhatsApp: images 5 MB, others 16 MB; e-mail: %d MB).",
    "Berkas terlalu besar": "File too large", "berkas": "file",
    "Berkas yang dikirim melebihi batas. Kembali, lalu pilih berkas yang lebih kecil.":
        "The file sent is over the limit. Go back and choose a smaller file.",
    # Complaints (bot.console.complaints).
    "Pengaduan": "Complaints", "Nomor": "Reference", "Disampaikan": "Filed", "Batas tanggapan": "Answer due",
    "Belum dijawab": "Not answered", "Semua": "All", "Baru": "New", "Sudah dijawab": "Answered",
    "Sedang ditangani": "In progress",
    "Selesai": "Closed", "belum terdaftar": "not registered", "belum ada": "nobody",
    "Lewat batas": "Overdue", "Tidak ada pengaduan di sini.": "No complaints here.",
    "Pengaduan warga yang belum dijawab tampil lebih dulu, menurut batas tanggapan.":
        "Citizens' complaints not yet answered come first, by answer due time.",
    "Pengaduan ini lewat batas tanggapan dan belum dijawab.": "This complaint is past its due time and not answered.",
    "Isi pengaduan": "The complaint", "Penanganan": "Handling", "Tanggapan untuk warga": "Answer to the citizen",
    "Dijawab": "Answered", "Kirim tanggapan": "Send answer",
    "Tanggapan dikirim ke warga lewat kanal pengaduannya dan disimpan di sini.":
        "The answer goes to the citizen on the channel they complained on, and is kept here.",
    "Pengaduan ini tidak punya kanal untuk menjawab warga.": "This complaint has no channel to answer the citizen on.",
    "Status atau petugas tidak dikenal; tidak ada yang berubah.": "Unknown status or officer; nothing changed.",
    "Pengaduan disimpan.": "Complaint saved.", "Tanggapan kosong.": "The answer is empty.",
    "Tanggapan masuk antrean kirim ke warga.": "Answer queued for sending to the citizen.",
    "Tanggapan lain sudah terkirim sementara itu; periksa sebelum mengirim lagi.":
        "Another answer was sent meanwhile; check it before sending again.",
    # New activity and saved replies (issue 16 items 4 and 6).
    "Pesan terakhir": "Last message", "baru": "new", "Pesan warga yang belum Anda buka": "Citizen messages you have not opened",
    "Pesan baru dari warga": "New message from a citizen", "Notifikasi desktop": "Desktop notifications",
    "Bunyi": "Sound",
    "Peramban ini tidak mengizinkan notifikasi; ubah izin situs di pengaturan peramban.":
        "This browser does not allow notifications; change the site's permission in the browser settings.",
    "Balasan tersimpan": "Saved replies", "Ketik / untuk balasan tersimpan; Ctrl+Enter mengirim.":
        "Type / for saved replies; Ctrl+Enter sends.",
    "Ketik / di kotak balasan tiket untuk memilih. {nama}, {tiket} dan {tenggat} diisi nama warga, nomor tiket "
    "dan tenggat (WIB).": "Type / in a ticket's reply box to pick one. {nama}, {tiket} and {tenggat} are filled "
    "with the citizen's name, the ticket number and the due time (WIB).",
    "Isi balasan": "Reply text", "Ubah atau hapus": "Edit or delete", "Hapus": "Delete",
    "Belum ada balasan tersimpan.": "No saved replies yet.", "Balasan baru": "New saved reply",
    "Judul wajib diisi.": "A title is required.",
    "Judul terlalu panjang: paling banyak 80 karakter.": "Title too long: 80 characters at most.",
    "Isi balasan wajib diisi.": "The reply text is required.",
    "Judul ini sudah dipakai balasan lain.": "Another saved reply already has this title.",
    "Balasan tersimpan disimpan.": "Saved reply saved.", "Balasan tersimpan ini sudah dihapus.":
        "This saved reply has been deleted.", "Balasan tersimpan dihapus.": "Saved reply deleted.",
    # IKM report (issue 17)
    "IKM": "IKM", "Indeks Kepuasan Masyarakat": "Public Satisfaction Index", "Dari": "From", "Sampai": "To",
    "Per": "By", "month": "month", "quarter": "quarter", "year": "year", "Tampilkan": "Show",
    "IKM per periode (semua kanal)": "IKM per period (all channels)", "Mutu": "Grade",
    "semua": "all", "Belum ada jawaban survei pada rentang ini.": "No survey answers in this range yet.",
    "Tanggal harus berbentuk TTTT-BB-HH.": "Dates must look like YYYY-MM-DD.",
    "Periode tidak dikenal.": "Unknown period.",
    "Tanggal akhir sebelum tanggal awal.": "The end date is before the start.",
    "NRR per unsur = rata-rata nilai 1–4; IKM = Σ NRR × bobot × 25, dibulatkan setengah ke atas ke 2 desimal, "
    "lalu diberi mutu:":
        "NRR per element = mean score 1–4; IKM = Σ NRR × weight × 25, rounded half up to 2 decimals, then graded:",
}


def lang() -> str:
    chosen = session.get("console_lang")
    if chosen in LANGS:
        return chosen
    if current_user and current_user.is_authenticated and current_user.lang in LANGS:
        return current_user.lang
    return "id"


def gettext(phrase: str) -> str:
    return EN.get(phrase, phrase) if lang() == "en" else phrase


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=gettext, ui_lang=lang)
