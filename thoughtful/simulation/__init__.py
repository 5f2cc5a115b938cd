"""Simulated speech: synthetic voices (Piper, flite, espeak-ng) heard through simulated rooms
and noise. Used to measure hearing (``thoughtful bench --part speech``) and to train the
language model on what the recognizer really hears (:mod:`thoughtful.simulation.heard`)."""
