//! The brink escalation engine (work in progress).
