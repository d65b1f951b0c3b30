//! Hash routes, so deep links work on any static host without server rewrites. Parsing is pure and tested natively.

use uuid::Uuid;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    New,
    Details(Uuid),
    Edit(Uuid),
    NotFound,
}

impl Route {
    /// Reads a location hash (`#/customers/…`, with or without `#`). An empty hash is the list.
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        // A query or trailing slash does not make a different page.
        let path = path
            .split('?')
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] | ["", "customers"] => Route::List,
            ["", "customers", "new"] => Route::New,
            ["", "customers", id] => Uuid::parse_str(id).map_or(Route::NotFound, Route::Details),
            ["", "customers", id, "edit"] => {
                Uuid::parse_str(id).map_or(Route::NotFound, Route::Edit)
            }
            _ => Route::NotFound,
        }
    }

    /// The hash that leads here, with its `#`.
    pub fn href(&self) -> String {
        match self {
            Route::List | Route::NotFound => "#/customers".into(),
            Route::New => "#/customers/new".into(),
            Route::Details(id) => format!("#/customers/{id}"),
            Route::Edit(id) => format!("#/customers/{id}/edit"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_route() {
        let id = Uuid::from_u128(5);
        assert_eq!(Route::parse(""), Route::List);
        assert_eq!(Route::parse("#"), Route::List);
        assert_eq!(Route::parse("#/"), Route::List);
        assert_eq!(Route::parse("#/customers"), Route::List);
        assert_eq!(Route::parse("#/customers/"), Route::List);
        assert_eq!(Route::parse("#/customers?q=x"), Route::List);
        assert_eq!(Route::parse("#/customers/new"), Route::New);
        assert_eq!(
            Route::parse(&format!("#/customers/{id}")),
            Route::Details(id)
        );
        assert_eq!(
            Route::parse(&format!("#/customers/{id}/edit")),
            Route::Edit(id)
        );
        assert_eq!(
            Route::parse(&format!("#/customers/{}", id.to_string().to_uppercase())),
            Route::Details(id)
        );
        for bad in [
            "#/nope",
            "#/customers/123",
            "#/customers/new/edit",
            "#customers",
            "#/customers/x/y/z",
        ] {
            assert_eq!(Route::parse(bad), Route::NotFound, "{bad}");
        }
    }

    #[test]
    fn href_round_trips() {
        let id = Uuid::from_u128(77);
        for route in [Route::List, Route::New, Route::Details(id), Route::Edit(id)] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }
}
