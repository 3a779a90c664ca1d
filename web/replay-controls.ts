/**
 * The replay bar: play/pause, a time slider over the whole replay, the moment in UTC, the speed
 * (1× to 60× recorded time) and a jump to each violation. It only steers the ReplayClock; what is
 * drawn at each moment is the page's business (it listens to the clock too).
 */
import { createElement } from './create-element.ts';
import { REPLAY_SPEEDS, type ReplayClock } from './replay-clock.ts';
import { formatClock } from './review-format.ts';

/** A moment to jump to: a violation's start, named for the list. */
export interface ReplayMark {
  id: string;
  label: string;
  timeMs: number;
}

export interface ReplayControlsOptions {
  marks: readonly ReplayMark[];
  /** A mark was chosen (after the clock has moved to it). */
  onJump: (mark: ReplayMark) => void;
}

/** Slider steps: a tenth of a second. */
const SLIDER_STEP_MS = 100;

/** Build the bar into `host` and keep it in step with `clock`; returns the unsubscribe function. */
export function showReplayControls(host: HTMLElement, clock: ReplayClock, options: ReplayControlsOptions): () => void {
  const play = createElement('button', { className: 'primary', text: 'Play', attrs: { id: 'replay-play', type: 'button' } });
  const slider = createElement('input', {
    attrs: { id: 'replay-slider', type: 'range', min: '0', max: String(Math.ceil((clock.endMs - clock.startMs) / SLIDER_STEP_MS)), step: '1', value: '0', 'aria-label': 'Replay time' },
  });
  const label = createElement('output', { className: 'replay-time', attrs: { id: 'replay-time', for: 'replay-slider' } });
  const speed = createElement('select', { attrs: { id: 'replay-speed', 'aria-label': 'Replay speed' } }, REPLAY_SPEEDS.map((value) => new Option(`${value}×`, String(value))));
  const jump = createElement('select', { attrs: { id: 'replay-jump', 'aria-label': 'Jump to a violation' } }, [
    new Option(options.marks.length > 0 ? 'Jump to a violation…' : 'No violations to jump to', ''),
    ...options.marks.map((mark) => new Option(`${formatClock(mark.timeMs)} ${mark.label}`, mark.id)),
  ]);
  jump.disabled = options.marks.length === 0;
  host.replaceChildren(createElement('div', { className: 'replay-bar', attrs: { role: 'group', 'aria-label': 'Replay' } }, [play, slider, label, speed, jump]));

  play.addEventListener('click', () => (clock.isPlaying ? clock.pause() : clock.play()));
  slider.addEventListener('input', () => clock.seek(clock.startMs + Number(slider.value) * SLIDER_STEP_MS));
  speed.addEventListener('change', () => clock.setSpeed(Number(speed.value)));
  jump.addEventListener('change', () => {
    const mark = options.marks.find((candidate) => candidate.id === jump.value);
    jump.value = '';
    if (!mark) return;
    clock.pause();
    clock.seek(mark.timeMs);
    options.onJump(mark);
  });

  const show = (timeMs: number) => {
    play.textContent = clock.isPlaying ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(clock.isPlaying));
    slider.value = String(Math.round((timeMs - clock.startMs) / SLIDER_STEP_MS));
    label.textContent = `${formatClock(timeMs)} UTC (+${Math.round((timeMs - clock.startMs) / 1000)} s)`;
    host.dataset.timeMs = String(Math.round(timeMs));
    host.dataset.playing = String(clock.isPlaying);
  };
  show(clock.time);
  return clock.onChange(show);
}
