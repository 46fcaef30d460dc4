//! `cognito-tui pools`: every user pool (all pages of ListUserPools) on stdout, as pretty
//! JSON or a table (name, id, created, triggers; the default on a terminal). A failed call (or a page token that repeats) is exit code 1; a start-up failure
//! exit code 2; a stdout closed early (`| head`) ends quietly with 141.

use std::process::ExitCode;

use super::out::{Columns, Output};
use super::start::{call_failed, connect, fail};
use crate::cognito::{CognitoApi, ConnectOptions};
use crate::domain::PoolSummary;
use crate::domain::untrusted::TokenTrail;

pub async fn run(opts: &ConnectOptions, output: Output) -> ExitCode {
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let mut all = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let followed = api.list_user_pools(next).await.and_then(|page| {
            all.extend(page.items);
            trail.follow("ListUserPools", page.next_token)
        });
        match followed {
            Ok(Some(t)) => next = Some(t),
            Ok(None) => break,
            Err(e) => return call_failed("ListUserPools", &e),
        }
    }
    match output {
        Output::Table => {
            let text = table(&all);
            super::out::print_line(text.trim_end_matches('\n'))
        }
        Output::Json => match serde_json::to_string_pretty(&all) {
            Ok(s) => super::out::print_line(&s),
            Err(e) => fail(e),
        },
    }
}

/// The pools as a table: a header row, then one row per pool, columns as wide as their
/// widest cell (at most 40).
pub fn table(pools: &[PoolSummary]) -> String {
    const HEADER: [&str; 4] = ["NAME", "ID", "CREATED", "TRIGGERS"];
    let rows: Vec<Vec<String>> = pools
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.id.clone(),
                crate::domain::format::date(p.created),
                p.triggers_set
                    .map_or_else(|| "?".to_string(), |n| n.to_string()),
            ]
        })
        .collect();
    let cols = Columns::fitting(&HEADER, &rows, 40);
    std::iter::once(cols.line(&HEADER))
        .chain(rows.iter().map(|r| cols.line(r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_a_header_and_a_row_per_pool() {
        let pools = [PoolSummary {
            id: "us-east-1_abc".into(),
            name: "shop\u{1b}]0;owned\u{7}".into(),
            created: Some(0),
            modified: None,
            triggers_set: Some(2),
        }];
        assert_eq!(
            table(&pools),
            "NAME  ID             CREATED                  TRIGGERS\n\
             shop  us-east-1_abc  1970-01-01 00:00:00 UTC  2\n"
        );
    }
}
