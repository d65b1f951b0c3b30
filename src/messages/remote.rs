//! What the app says about Partner Center, in the reader's language. Written here rather than in `i18n`'s table:
//! only the Partner Center mode's module calls these, so the local mode's first download does not carry them.

use crate::i18n::Lang;
use crate::partner_center::answer::Failure;
use crate::partner_center::config::SourceError;

/// Why the element's `source`/`api-base` (or the page's meta tag) cannot be used: shown in place of the app.
pub fn source_error(l: Lang, error: &SourceError) -> String {
    let detail = match error {
        SourceError::UnknownSource(source) => match l {
            Lang::En => format!("“{source}” is not a source: use “local” or “partner-center”."),
            Lang::Zh => format!("“{source}”不是可用的来源：请使用“local”或“partner-center”。"),
            Lang::Pt => format!("“{source}” não é uma origem: use “local” ou “partner-center”."),
        },
        SourceError::MissingApiBase => match l {
            Lang::En => {
                "“partner-center” needs the address of the portal's proxy (api-base).".into()
            }
            Lang::Zh => "“partner-center”需要门户代理的地址（api-base）。".into(),
            Lang::Pt => {
                "“partner-center” precisa do endereço do proxy do portal (api-base).".into()
            }
        },
        SourceError::ApiBaseWithoutSource => match l {
            Lang::En => "An api-base is given without source=\"partner-center\".".into(),
            Lang::Zh => "提供了 api-base，但未设置 source=\"partner-center\"。".into(),
            Lang::Pt => "Há um api-base sem source=\"partner-center\".".into(),
        },
        SourceError::BadApiBase(base) => match l {
            Lang::En => format!("“{base}” is not a path or an http(s) address ending in /."),
            Lang::Zh => format!("“{base}”不是以 / 结尾的路径或 http(s) 地址。"),
            Lang::Pt => format!("“{base}” não é um caminho ou endereço http(s) terminado em /."),
        },
    };
    match l {
        Lang::En => format!("Customer Accounts cannot reach Partner Center: {detail}"),
        Lang::Zh => format!("客户账户无法连接合作伙伴中心：{detail}"),
        Lang::Pt => format!("Contas de clientes não consegue acessar o Partner Center: {detail}"),
    }
}

/// Why a call to Partner Center gave nothing, as a sentence.
pub fn failure(l: Lang, failure: &Failure) -> String {
    match failure {
        Failure::Busy { retry_after_secs } => busy(l, *retry_after_secs),
        Failure::SignedOut => match l {
            Lang::En => {
                "Your portal session has ended. Sign in again; what you typed is kept.".into()
            }
            Lang::Zh => "门户会话已结束。请重新登录；已输入的内容会保留。".into(),
            Lang::Pt => {
                "Sua sessão no portal terminou. Entre novamente; o que você digitou foi mantido."
                    .into()
            }
        },
        Failure::Conflict => match l {
            Lang::En => "Someone else changed this customer in Partner Center.".into(),
            Lang::Zh => "其他人已在合作伙伴中心更改了此客户。".into(),
            Lang::Pt => "Outra pessoa alterou este cliente no Partner Center.".into(),
        },
        Failure::NotFound => match l {
            Lang::En => "Partner Center has no such customer.".into(),
            Lang::Zh => "合作伙伴中心中没有此客户。".into(),
            Lang::Pt => "O Partner Center não tem esse cliente.".into(),
        },
        Failure::Refused { code, description } => {
            let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
            match l {
                Lang::En => format!("Partner Center refused the request{code}: {description}"),
                Lang::Zh => format!("合作伙伴中心拒绝了请求{code}：{description}"),
                Lang::Pt => format!("O Partner Center recusou a solicitação{code}: {description}"),
            }
        }
        Failure::Unavailable { status } => match l {
            Lang::En => {
                format!("Partner Center could not answer (HTTP {status}). Try again later.")
            }
            Lang::Zh => format!("合作伙伴中心无法响应（HTTP {status}）。请稍后重试。"),
            Lang::Pt => {
                format!("O Partner Center não pôde responder (HTTP {status}). Tente mais tarde.")
            }
        },
        Failure::TimedOut => match l {
            Lang::En => "Partner Center did not answer in time. Try again.".into(),
            Lang::Zh => "合作伙伴中心未及时响应。请重试。".into(),
            Lang::Pt => "O Partner Center não respondeu a tempo. Tente novamente.".into(),
        },
        Failure::Offline => match l {
            Lang::En => "No connection to Partner Center: a connection is needed for this.".into(),
            Lang::Zh => "未连接到合作伙伴中心：此操作需要网络连接。".into(),
            Lang::Pt => "Sem conexão com o Partner Center: é preciso uma conexão para isto.".into(),
        },
        Failure::Malformed => match l {
            Lang::En => {
                "Partner Center's answer could not be read; nothing was taken from it.".into()
            }
            Lang::Zh => "无法读取合作伙伴中心的响应；未采用其中任何内容。".into(),
            Lang::Pt => {
                "A resposta do Partner Center não pôde ser lida; nada foi usado dela.".into()
            }
        },
        Failure::Invalid => match l {
            Lang::En => {
                "Partner Center sent a customer that breaks the rules; it was left out.".into()
            }
            Lang::Zh => "合作伙伴中心发送的客户不符合规则，已忽略。".into(),
            Lang::Pt => {
                "O Partner Center enviou um cliente fora das regras; ele foi deixado de fora."
                    .into()
            }
        },
    }
}

/// "Partner Center is busy; trying again in 12 s".
pub fn busy(l: Lang, secs: u32) -> String {
    match l {
        Lang::En => format!("Partner Center is busy; trying again in {secs} s"),
        Lang::Zh => format!("合作伙伴中心繁忙；{secs} 秒后重试"),
        Lang::Pt => format!("O Partner Center está ocupado; tentando novamente em {secs} s"),
    }
}

/// The listing's progress: Partner Center gives no total, so the count so far.
pub fn listing(l: Lang, count: usize) -> String {
    let n = l.number(count);
    match l {
        Lang::En => format!("Listing customers from Partner Center: {n} so far"),
        Lang::Zh => format!("正在从合作伙伴中心列出客户：已列出 {n} 个"),
        Lang::Pt => format!("Listando clientes do Partner Center: {n} até agora"),
    }
}

/// The listing's end: every customer, or the reader stopped it, or it failed part-way.
pub fn listed(l: Lang, count: usize, complete: bool) -> String {
    let n = l.number(count);
    match (l, complete) {
        (Lang::En, true) => format!("All {n} customers listed from Partner Center."),
        (Lang::Zh, true) => format!("已从合作伙伴中心列出全部 {n} 个客户。"),
        (Lang::Pt, true) => format!("Todos os {n} clientes listados do Partner Center."),
        (Lang::En, false) => {
            format!("Listing stopped: {n} customers listed so far. Refresh lists them all.")
        }
        (Lang::Zh, false) => format!("列出已停止：目前已列出 {n} 个客户。刷新可列出全部。"),
        (Lang::Pt, false) => format!(
            "Listagem interrompida: {n} clientes listados até agora. Atualizar lista todos."
        ),
    }
}

/// "Cancel", "Refresh", "Loading …", the progress bar's name: the Partner Center mode's plain words.
pub fn word(l: Lang, word: Word) -> &'static str {
    match (word, l) {
        (Word::Cancel, Lang::En) => "Cancel",
        (Word::Cancel, Lang::Zh) => "取消",
        (Word::Cancel, Lang::Pt) => "Cancelar",
        (Word::Refresh, Lang::En) => "Refresh",
        (Word::Refresh, Lang::Zh) => "刷新",
        (Word::Refresh, Lang::Pt) => "Atualizar",
        (Word::Progress, Lang::En) => "Customers listed",
        (Word::Progress, Lang::Zh) => "已列出的客户",
        (Word::Progress, Lang::Pt) => "Clientes listados",
        (Word::Fetching, Lang::En) => "Loading the customer from Partner Center…",
        (Word::Fetching, Lang::Zh) => "正在从合作伙伴中心加载客户…",
        (Word::Fetching, Lang::Pt) => "Carregando o cliente do Partner Center…",
        (Word::Source, Lang::En) => "Customers from Partner Center",
        (Word::Source, Lang::Zh) => "来自合作伙伴中心的客户",
        (Word::Source, Lang::Pt) => "Clientes do Partner Center",
    }
}

/// The plain words of [`word`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Cancel,
    Refresh,
    Progress,
    Fetching,
    Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_is_worded_in_every_language_and_names_what_it_carries() {
        let failures = [
            Failure::Busy {
                retry_after_secs: 12,
            },
            Failure::SignedOut,
            Failure::Conflict,
            Failure::NotFound,
            Failure::Refused {
                code: Some(600051),
                description: "Phone number is required".into(),
            },
            Failure::Unavailable { status: 503 },
            Failure::TimedOut,
            Failure::Offline,
            Failure::Malformed,
            Failure::Invalid,
        ];
        for l in [Lang::En, Lang::Zh, Lang::Pt] {
            let texts: Vec<String> = failures.iter().map(|f| failure(l, f)).collect();
            for (text, f) in texts.iter().zip(&failures) {
                assert!(!text.is_empty());
                match f {
                    Failure::Busy { .. } => assert!(text.contains("12"), "{text}"),
                    Failure::Refused { .. } => {
                        assert!(
                            text.contains("600051") && text.contains("Phone number is required")
                        )
                    }
                    Failure::Unavailable { .. } => assert!(text.contains("503")),
                    _ => {}
                }
            }
            let mut unique = texts.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                texts.len(),
                "each failure says something else"
            );
        }
        assert_eq!(
            busy(Lang::En, 12),
            "Partner Center is busy; trying again in 12 s"
        );
    }

    #[test]
    fn a_bad_source_names_the_value_at_fault() {
        for l in [Lang::En, Lang::Zh, Lang::Pt] {
            assert!(source_error(l, &SourceError::UnknownSource("graph".into())).contains("graph"));
            assert!(source_error(l, &SourceError::BadApiBase("//evil/".into())).contains("//evil/"));
        }
    }
}
