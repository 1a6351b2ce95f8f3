import { useEffect } from 'react';

/** A ring of two tones (the North American 440 + 480 Hz), two seconds on, four off. */
const RING_TONES = [440, 480];
const RING_ON_S = 2;
const RING_CYCLE_MS = 6_000;
const RING_GAIN = 0.08;

/**
 * Rings through the speakers while `ringing`: synthesized with Web Audio, so no sound file has to
 * be fetched (the CSP allows none) and every provider rings the same way.
 */
export function useRingtone(ringing: boolean): void {
  useEffect(() => {
    if (!ringing || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const ring = () => playRing(context);
    ring();
    const timer = setInterval(ring, RING_CYCLE_MS);
    return () => {
      clearInterval(timer);
      void context.close();
    };
  }, [ringing]);
}

function playRing(context: AudioContext): void {
  const gain = context.createGain();
  const start = context.currentTime;
  gain.gain.setValueAtTime(RING_GAIN, start);
  gain.gain.setValueAtTime(0, start + RING_ON_S);
  gain.connect(context.destination);
  for (const frequency of RING_TONES) {
    const tone = context.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(start);
    tone.stop(start + RING_ON_S);
  }
}
