//! brink scenario files (work in progress).
