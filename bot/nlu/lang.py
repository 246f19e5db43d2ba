"""The language to answer in: Indonesian or English when the message says so, else the conversation's own.

"hi", "ok", "thanks", "👍", a number or an address say nothing about the language, so they keep it.
"""
from __future__ import annotations

import re

from bot.nlu.features import tidy

# Words only one of the two languages uses (chat abbreviations included); loanwords both use are left out.
_ID = set("""
yang yg apa apakah berapa brp bagaimana gimana gmn gmna bgmn dimana mana kapan kenapa mengapa siapa di ke dari dan
utk untuk dgn dengan saya sy aku gue kami kita anda kamu mau ingin pengen minta tolong bisa bs ada tidak tdk gak ga
nggak ngga enggak engga belum blm sudah sdh udah udh sudah jadi jd aja saja dong deh nih sih kok ya iya yaa juga
jumlah penduduk tahun kota kak min pak bu mas mbak bapak ibu terima kasih makasih mksh trims tks terimakasih
selamat pagi siang sore malam nama nomor kode kodenya nya ini itu buat bikin cara mohon permisi kalau kalo
tanya nanya bertanya batal batalkan bantuan bantu bingung ngerti paham tau tahu bukan salah kurang lagi masih sama
punya pakai pake kirim ulang masuk dapat dapet terima jelek bagus mantap puas nilai satu dua tiga empat pertama
kedua ketiga keempat setuju boleh silakan silahkan jangan lupakan nanti besok bsk krn karena tapi tetapi atau
keluhan pengaduan komplain kecewa lama sekali banget bgt pelayanan petugas pesan tiket sampai udah dibalas
halo hallo haloo hlo hai assalamualaikum wassalamualaikum warahmatullahi wabarakatuh spada swastiastu punten
dadah suwun nuhun makasi mkasih maacih maaciih makasii tengkyu betul benar bener yoi iyes iy he eh bersedia setuju
bkn ndak ora terserah lewati cari gjd abaikan gausah urung lupakan lupain salah ketik kepencet mengecewakan parah
payah cuek tutup padahal jam kerja nomer nmr pilih pilihan opsi angka pengangguran terbuka utara selatan timur barat
gempa terkini info daftar hasil cek pajak kendaraan klaim prediksi togel lupa password lumayan cukup membantu
sangat lah top mantul petunjuk panduan tiket batalin pendaftaran daftar hp wa telp emailnya
kecamatan kelurahan desa miskin kemiskinan harga beras buka tutup sesuai lengkap jelas terjawab pas tepat gapapa
gpp keberatan disimpan jangan sombong mana kemana kenapa bikin urus hilang rusak syarat dong kakak admin mimin
min yap nerima memiliki alamat toko situs aman datanya nilainya shalom panggil
""".split())
_EN = set("""
the is are was were what how where which who why when can could would should please i i'm my me you your we our
need want do does did don't didn't have has had haven't not no yes yeah yep thank thanks you're it it's that this
these those there here with about for from of to in on at and or but hello morning evening
afternoon good great name number code phone find looking look population rate poverty anything
anyone nothing never mind forget again later sorry wrong one first second third fourth option show received
arrived yet send resend got get much many very bye see complaint complain service officer rude ticket request
answer question answers just only right correct exactly that's okay sure agree disagree stars excellent terrible
greetings absolutely perfect anyway appreciate care bunch goodbye nevermind nvm ignore mistake sent anymore maybe
later worries fine unacceptable waiting time dunno comment whole city paper district possible quick helpful faster
weather tomorrow renew vehicle registration lottery results best online casino tell joke still none registration
update news reply someone happened working processed take three four two poor score very too slow i'll go
ahead nah call use whatsapp wait verification check registration there again me rating address
""".split())


def language(text: str, current: str = "id") -> str:
    """``en`` or ``id`` when the message leans clearly one way, else ``current`` (the conversation's language)."""
    words = [w for w in re.findall(r"[a-z]+(?:'[a-z]+)?", tidy(text)) if w not in _NEUTRAL]
    indonesian = sum(w in _ID for w in words)
    english = sum(w in _EN for w in words)
    if english > indonesian and (english >= 2 or english == len(words)):
        return "en"
    if indonesian > english:
        return "id"
    return current


# Words both languages' speakers type ("ok", "hi", "thanks", "help"): they never tip the balance.
_NEUTRAL = {"ok", "oke", "okay", "okey", "hi", "hii", "hai", "halo", "hallo", "hello", "hey", "thanks", "thx", "ty", "tq", "sip", "p", "ping",
            "tes", "test", "bye", "yes", "no", "data", "status", "cancel", "help", "menu", "stop", "skip", "email"}


def common(word: str) -> bool:
    """A word either language uses everywhere (a function word, a courtesy): it names no topic."""
    return word in _ID or word in _EN
