/**
 * The audible cue for a new critical alert: two short beeps made with WebAudio (no sound file to
 * load), at most one cue every CUE_GAP_MS so a burst of alerts is one cue, not a siren. A mute
 * toggle silences it; the choice is remembered in localStorage, so a control-room screen keeps it
 * across reloads. The button carries data-cues (cues asked for) and data-audio (the audio
 * context's state, or 'unavailable'), so a test can tell a cue was given without hearing it.
 */

const MUTED_KEY = 'corridor-ops:alert-sound-muted';
const CUE_GAP_MS = 2000;
/** Each beep: frequency, start and length in seconds from the cue. */
const BEEPS = [{ hz: 880, atS: 0, lengthS: 0.14 }, { hz: 1175, atS: 0.2, lengthS: 0.14 }];

export class AlertSound {
  private context: AudioContext | null = null;
  private lastCueAtMs = -Infinity;
  private cues = 0;
  private isMuted: boolean;

  constructor(private readonly button: HTMLButtonElement, private readonly storage: Storage = localStorage) {
    this.isMuted = storage.getItem(MUTED_KEY) === 'true';
    button.type = 'button';
    button.addEventListener('click', () => this.setMuted(!this.isMuted));
    this.show();
  }

  /** Cue a new critical alert (unless muted, or a cue was given less than CUE_GAP_MS ago). */
  cue(nowMs: number = Date.now()): void {
    if (this.isMuted || nowMs - this.lastCueAtMs < CUE_GAP_MS) return;
    this.lastCueAtMs = nowMs;
    this.cues += 1;
    this.button.dataset.cues = String(this.cues);
    this.play();
  }

  private setMuted(isMuted: boolean): void {
    this.isMuted = isMuted;
    this.storage.setItem(MUTED_KEY, String(isMuted));
    this.show();
  }

  private show(): void {
    this.button.setAttribute('aria-pressed', String(this.isMuted));
    this.button.textContent = this.isMuted ? 'Alert sound: muted' : 'Alert sound: on';
    this.button.title = this.isMuted ? 'Critical alerts are silent; press to hear them again' : 'Critical alerts beep; press to mute';
  }

  private play(): void {
    try {
      // Made on first use: browsers start an audio context only after the person has interacted with the page (signing in counts).
      this.context ??= new AudioContext();
      const context = this.context;
      if (context.state === 'suspended') void context.resume().catch(() => undefined); // still blocked: the visual alert stands alone
      for (const beep of BEEPS) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        const startS = context.currentTime + beep.atS;
        oscillator.frequency.value = beep.hz;
        gain.gain.setValueAtTime(0.0001, startS);
        gain.gain.exponentialRampToValueAtTime(0.25, startS + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, startS + beep.lengthS);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(startS);
        oscillator.stop(startS + beep.lengthS + 0.02);
      }
      this.button.dataset.audio = context.state;
    } catch (error) {
      // No WebAudio here (or no output device): the alert is still shown; say so on the button for whoever looks.
      this.button.dataset.audio = 'unavailable';
      console.warn('alert sound:', error);
    }
  }
}
