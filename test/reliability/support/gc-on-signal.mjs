// Preloaded into the soak test's server (node --expose-gc --import): SIGUSR2 collects all
// garbage at once, so that the heap sampled next holds only what is still referenced.
process.on('SIGUSR2', () => globalThis.gc());
