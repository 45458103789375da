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
	// Malay: Indonesian's function words in Malaysian spelling (kerana,
	// iaitu, sahaja, daripada) and usage.
	"ms": `ada adalah agar akan aku anda antara apa apabila apakah atas atau
bagaimana bagi bahawa banyak belum bila boleh dalam dan dapat dari daripada
dengan di dia hanya hingga ia ialah iaitu ini itu jika juga kalau kami kamu
kerana ke kepada ketika kita lagi lain maka masih mereka namun oleh pada para
sahaja sama sangat sebagai sebelum sedang sehingga sejak selain semua seperti
serta setelah setiap sudah supaya tanpa telah tentang tersebut tetapi tidak
untuk walaupun yang`,
	// The stop words of the languages stemmed at build time are written
	// folded (no accents), as the client compares them.
	"es": `a al algo ante como con contra cual cuando de del desde donde
durante e el ella ellas ellos en entre era es esa ese eso esta este esto ha
hay la las le les lo los mas me mi muy ni no nos o os para pero por porque
que se sea ser si sin sobre son su sus te tu un una uno unos y ya yo`,
	"fr": `a au aux avec ce ces cet cette dans de des du elle elles en et
eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos
notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi
ton tu un une vos votre vous y est etre`,
	"ru": `а без бы был была были было быть в вам вас во вот все вы где да
для до его ее если есть еще же за и из или им их к как когда ли мы на над
не него нее нет ни но о об от по под при с со так также то того тоже только
том ты у уже чем что чтобы эта эти это я`,
	"sv": `att av de den det dess din du eller en ett fran for har han hon
i icke inte jag man med men mig min mot nar ni och om oss pa sig sin ska som
till under upp ut var vara vi vid vad aven`,
	"no": `at av de den denne der det dette du eller en et fra for han har
hun i ikke jeg man med men meg min mot na nar og om oss pa seg sin skal som
til under vi var være vil`,
	"nb": `at av de den denne der det dette du eller en et fra for han har
hun i ikke jeg man med men meg min mot na nar og om oss pa seg sin skal som
til under vi var være vil`,
	"hu": `a az azt es ahol akkor alatt amely amelyek ami amit az be ben csak de
egy egyes el ennek ez ezt fel hogy ha hanem igen is itt ki le meg mely mert
mi mint minden most nagyon nem neki nincs o ok pedig s sem szerint tehat
uj ugy van vagy volt`,
}
