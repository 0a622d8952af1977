// A software prefetch for Swift, which has none: the cost scaling's pushes read rows at random
// (CostScalingAssignment.swift), and fetching a row a few pushes ahead hides most of the misses.
// Header only; clang's builtin, no library to link.
static inline void mentor_match_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
