"""Speech: audio in (WAV, raw PCM, microphone), endpointing, and recognizers behind one
interface (PocketSphinx as the embedded default, Vosk as the primary engine)."""
