/* btxdose: the command-line front door to libbtxdose. */
#include <stdio.h>
#include <string.h>

#include <btxdose/btxdose.h>

static int cmd_version(void)
{
    printf("btxdose %s (libbtxdose %s)\n", BTXDOSE_VERSION_STRING, btx_version());
    printf("data: %s\n", btx_data_version());
    return 0;
}

static int cmd_dates(void)
{
    static const struct {
        const char *date;
        int months;
    } demo[] = {{"2025-11-30", 3}, {"2024-01-31", 1}, {"2025-03-31", -1}, {"2024-02-29", 12}};
    for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++) {
        btx_date d, r;
        char buf[BTX_DATE_FORMAT_SIZE];
        if (btx_date_parse(demo[i].date, &d) != BTX_OK ||
            btx_date_add_months(d, demo[i].months, &r) != BTX_OK ||
            btx_date_format(r, buf, sizeof buf) != BTX_OK)
            return 2;
        printf("%s %+d month(s) = %s\n", demo[i].date, demo[i].months, buf);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0)
        return cmd_version();
    if (strcmp(argv[1], "dates") == 0)
        return cmd_dates();
    fprintf(stderr, "usage: btxdose version | dates\n");
    return 2;
}
