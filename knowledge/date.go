package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day is a calendar day, counted from 1970-01-01. Comparing days is comparing ints, which keeps date
// filtering cheap on large timelines.
type Day int32

// DayOf returns the Day for a calendar date. Out-of-range parts normalize as in time.Date.
func DayOf(year int, month time.Month, day int) Day {
	return Day(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time returns midnight UTC of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Span is an inclusive range of days.
type Span struct{ From, To Day }

// Contains reports whether d falls within s.
func (s Span) Contains(d Day) bool { return d >= s.From && d <= s.To }

// Overlaps reports whether the two spans share at least one day.
func (s Span) Overlaps(o Span) bool { return s.From <= o.To && o.From <= s.To }

// Precision says how much of a Date the source gives.
type Precision uint8

// Precisions, finest first.
const (
	PrecisionDay Precision = iota
	PrecisionMonth
	PrecisionYear
)

// Date is an event's date at the precision the source allows: a day, a month or a year.
type Date struct {
	Year      int
	Month     time.Month // 0 when Precision is PrecisionYear
	Day       int        // 0 unless Precision is PrecisionDay
	Precision Precision
}

// String formats the date as YYYY-MM-DD, YYYY-MM or YYYY depending on its precision.
func (d Date) String() string {
	// Written into a buffer on the stack rather than by fmt, which every citation went through;
	// a field out of its usual range keeps fmt's own writing of it.
	if d.Year >= 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99 {
		var buf [10]byte
		b := appendPadded(buf[:0], d.Year, 4)
		switch d.Precision {
		case PrecisionYear:
			return string(b)
		case PrecisionMonth:
			return string(appendPadded(append(b, '-'), int(d.Month), 2))
		}
		return string(appendPadded(append(appendPadded(append(b, '-'), int(d.Month), 2), '-'), d.Day, 2))
	}
	return d.formatted()
}

// appendPadded appends v, at least 0, in decimal with leading zeros to width digits ("%0*d").
func appendPadded(b []byte, v, width int) []byte {
	var digits [20]byte
	n := 0
	for v > 0 || n == 0 {
		digits[n] = byte('0' + v%10)
		v /= 10
		n++
	}
	for ; width > n; width-- {
		b = append(b, '0')
	}
	for n > 0 {
		n--
		b = append(b, digits[n])
	}
	return b
}

// formatted is String by fmt: the reference, and the writing of out-of-range fields.
func (d Date) formatted() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Span returns the days the date covers: one day, a whole month or a whole year.
func (d Date) Span() Span {
	switch d.Precision {
	case PrecisionYear:
		return Span{DayOf(d.Year, 1, 1), DayOf(d.Year, 12, 31)}
	case PrecisionMonth:
		return Span{DayOf(d.Year, d.Month, 1), DayOf(d.Year, d.Month+1, 0)}
	}
	day := DayOf(d.Year, d.Month, d.Day)
	return Span{day, day}
}

// ParseDate parses YYYY-MM-DD, YYYY-MM or YYYY and checks that the date exists. Its errors say what
// is wrong in words a person editing the file understands.
func ParseDate(s string) (Date, error) {
	var buf [4]string
	parts := buf[:0]
	for rest, more := s, true; more && len(parts) < len(buf); {
		var part string
		part, rest, more = strings.Cut(rest, "-")
		parts = append(parts, part)
	}
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("%q is not a date; write YYYY-MM-DD, YYYY-MM or YYYY", s)
	}
	var nums [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		// Atoi accepts a sign ("+1"); a date is digits only.
		if err != nil || !allDigits(p) || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("%q is not a date; write YYYY-MM-DD, YYYY-MM or YYYY", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Precision: PrecisionYear}
	if d.Year < 1 {
		return Date{}, fmt.Errorf("%q is not a date: year 0 does not exist", s)
	}
	if len(parts) >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, fmt.Errorf("%q is not a real date: month %d does not exist (months are 01 to 12)", s, nums[1])
		}
		d.Month, d.Precision = time.Month(nums[1]), PrecisionMonth
	}
	if len(parts) == 3 {
		last := DaysIn(d.Year, d.Month)
		if nums[2] < 1 || nums[2] > last {
			return Date{}, fmt.Errorf("%q is not a real date (%s %d has %d days)", s, d.Month, d.Year, last)
		}
		d.Day, d.Precision = nums[2], PrecisionDay
	}
	return d, nil
}

// DaysIn returns the number of days in a month.
func DaysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
