// FolioNN: modules, layers, initialisers, losses, optimisers as gradient transformations, data and fit.
// See ../shared/DESIGN.md §3 and issue 5.
