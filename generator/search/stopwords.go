package search

// stopWords holds, per base language code, words too common to help a
// search. They are left out of the index and out of queries; the list is
// shipped in the index so the client drops the same words. Kept short on
// purpose: a word here can never be found.
var stopWords = map[string]string{
	"id": `ada adalah agar akan aku anda antara apa apabila apakah atas atau
bagaimana bagi bahwa bahkan banyak belum bila bisa boleh dalam dan dapat dari
daripada demikian dengan di dia harus hanya hingga ia ialah ini itu jadi jika
juga kalau kami kamu karena ke kemudian kepada ketika kita lagi lain maka
masih mereka namun oleh pada para saat saja sama sambil sangat sebagai sebelum
sedang sehingga sejak selain semua seperti serta setelah setiap sudah supaya
tanpa telah tentang tersebut tetapi tidak untuk walaupun yaitu yakni yang`,
	"en": `a about above after again against all am an and any are as at be
because been before being below between both but by can could did do does
doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you
your yours yourself yourselves`,
}
