// SPDX-License-Identifier: Apache-2.0
// The DuckDB side of bench/cli_audit.sh: the over-window rows of a population file, as
// DuckDB computes them from the CSV (read_csv and a window sum).
//
//   node cli_audit_duckdb.js ROWS.csv THREADS [OUT.csv]
//
// Without OUT: prints the number of rows with more than 400 U of onabotulinumtoxinA
// (BOTOX, BOTOX Cosmetic) in the trailing 90 days (the row's day and the 89 before it,
// every row of a day counted). With OUT: writes those rows (patient, date, units) there
// instead. Needs @duckdb/node-api on NODE_PATH.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

function quote(s) {
    return "'" + s.replace(/'/g, "''") + "'";
}

async function main() {
    const [file, threads, out] = process.argv.slice(2);
    if (!file || !threads) {
        console.error('usage: node cli_audit_duckdb.js ROWS.csv THREADS [OUT.csv]');
        process.exit(2);
    }
    const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
    const con = await instance.connect();
    const over = `
        SELECT patient, date, units FROM (
            SELECT patient, date, units,
                   SUM(units) OVER (PARTITION BY patient ORDER BY date
                                    RANGE BETWEEN INTERVAL 89 DAYS PRECEDING AND CURRENT ROW)
                       AS total
            FROM read_csv(${quote(file)}, header = true, auto_detect = false,
                          columns = {'patient': 'VARCHAR', 'date': 'DATE',
                                     'product': 'VARCHAR', 'indication': 'VARCHAR',
                                     'units': 'DOUBLE'})
            WHERE lower(product) IN ('botox', 'botox cosmetic'))
        WHERE total > 400`;
    if (out) {
        await con.run(`COPY (${over}) TO ${quote(out)} (HEADER false)`);
    } else {
        const r = await con.runAndReadAll(`SELECT count(*) FROM (${over})`);
        console.log(String(r.getRows()[0][0]));
    }
    con.closeSync();
    instance.closeSync();
}

main().catch((e) => {
    console.error(String(e));
    process.exit(1);
});
