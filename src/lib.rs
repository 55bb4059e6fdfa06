//! Broadsheet app
