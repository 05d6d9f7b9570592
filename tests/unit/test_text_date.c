/* Front-matter dates: every accepted form, rejects, epoch. (Dates written
 * out in a language: test_book_words.c.) */
#include "check.h"
#include "doc/date.h"

int main(void)
{
    fdate d;
    CHECK(fdate_parse("2023-03-20", &d) && d.valid && !d.has_time);
    CHECK(d.year == 2023 && d.month == 3 && d.day == 20);
    CHECK(fdate_to_epoch(&d) == 1679270400);

    CHECK(fdate_parse("2023-03-20T00:00:00Z", &d) && d.has_time && d.tz_offset_min == 0);
    CHECK(fdate_to_epoch(&d) == 1679270400);
    CHECK(fdate_parse("'2023-03-20T00:00:00Z'", &d) && fdate_to_epoch(&d) == 1679270400);
    CHECK(fdate_parse("\"2023-03-20\"", &d) && fdate_to_epoch(&d) == 1679270400);

    CHECK(fdate_parse("2023-03-20T10:00:00+02:00", &d) && d.hour == 10 && d.tz_offset_min == 120);
    CHECK(fdate_to_epoch(&d) == 1679270400 + 8 * 3600);
    CHECK(fdate_parse("2023-03-20T10:00:00-0530", &d) && d.tz_offset_min == -330);
    CHECK(fdate_parse("2023-03-20 10:00", &d) && d.has_time && d.hour == 10 && d.min == 0);
    CHECK(fdate_to_epoch(&d) == 1679270400 + 10 * 3600);
    CHECK(fdate_parse("2023-03-20T10:00:05.123Z", &d) && d.sec == 5);
    CHECK(fdate_parse("  2024-02-29  ", &d) && d.day == 29);
    CHECK(fdate_parse("1969-12-31", &d) && fdate_to_epoch(&d) == -86400);

    CHECK(!fdate_parse("2023-02-29", &d) && !d.valid);
    CHECK(!fdate_parse("2023-13-01", &d));
    CHECK(!fdate_parse("2023-3-20", &d));
    CHECK(!fdate_parse("20/03/2023", &d));
    CHECK(!fdate_parse("2023-03-20T25:00", &d));
    CHECK(!fdate_parse("2023-03-20 and more", &d));
    CHECK(!fdate_parse("'2023-03-20", &d));
    CHECK(!fdate_parse("", &d));
    CHECK(!fdate_parse(NULL, &d));
    CHECK(fdate_to_epoch(&d) == -1);

    return check_done();
}
