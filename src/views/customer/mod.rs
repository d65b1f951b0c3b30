//! A customer's pages: adding one ([`add`]), their account ([`details`]), editing it ([`edit`]), a customer fetched
//! from Partner Center for either of the last two ([`fetched`]), the read-only
//! lists of values the add flow's review step and the details page share ([`review`]), and how the shell opens
//! each page from its own module ([`pages`]).

pub mod add;
pub mod details;
pub mod edit;
pub mod fetched;
pub mod pages;
pub mod review;
