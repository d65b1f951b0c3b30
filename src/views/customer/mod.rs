//! A customer's pages: adding one ([`add`]), their account ([`details`]), editing it ([`edit`]), and the read-only
//! lists of values the add flow's review step and the details page share ([`review`]).

pub mod add;
pub mod details;
pub mod edit;
pub mod review;
