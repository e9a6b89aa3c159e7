package dialect

import "time"

// FormatTime returns t in UTC as TimeLayout text: what
// t.UTC().Format(TimeLayout) returns, written two digits at a time for the
// years 0 to 9999 (Format's layout walk costs several times more, once per
// bound time), through Format for any other year.
func FormatTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format(TimeLayout)
	}
	hour, minute, sec := t.Clock()
	ns := t.Nanosecond()
	var b [len(TimeLayout)]byte
	put2(b[0:2], year/100)
	put2(b[2:4], year%100)
	b[4] = '-'
	put2(b[5:7], int(month))
	b[7] = '-'
	put2(b[8:10], day)
	b[10] = ' '
	put2(b[11:13], hour)
	b[13] = ':'
	put2(b[14:16], minute)
	b[16] = ':'
	put2(b[17:19], sec)
	b[19] = '.'
	put2(b[20:22], ns/10000000)
	put2(b[22:24], ns/100000%100)
	put2(b[24:26], ns/1000%100)
	put2(b[26:28], ns/10%100)
	b[28] = byte('0' + ns%10)
	return string(b[:])
}

// pairs is "00" to "99", two bytes a number.
const pairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" +
	"30313233343536373839" + "40414243444546474849" + "50515253545556575859" +
	"60616263646566676869" + "70717273747576777879" + "80818283848586878889" +
	"90919293949596979899"

// put2 writes n, 0 to 99, as two digits into b.
func put2(b []byte, n int) {
	_ = b[1]
	b[0], b[1] = pairs[2*n], pairs[2*n+1]
}
