import { describe, expect, it } from 'vitest';
import type { Clock } from '@tessera/core';
import { TrickPlay, iFrameAtOrBefore, trickPlayKey, trickPlayTarget, type TrickPlayTarget } from '../src/ui/index';

/** A clock the test advances by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout(fn, delay) {
      timers.push({ at: now + delay, fn, id: ++ids });
      return ids;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

function fakePlayer(duration = 120): TrickPlayTarget & { time: number; paused: boolean; seeks: number[] } {
  const player = {
    time: 30,
    paused: false,
    seeks: [] as number[],
    currentTime: () => player.time,
    duration: () => duration,
    seek(t: number) {
      player.time = t;
      player.seeks.push(t);
    },
    pause() {
      player.paused = true;
    },
    play() {
      player.paused = false;
    },
  };
  return player;
}

const IFRAMES = Array.from({ length: 30 }, (_, i) => i * 4); // a keyframe every 4 s, 0..116

describe('I-frame trick play', () => {
  it('pauses, then every step seeks to the I-frame at or before rate × elapsed', () => {
    const clock = manualClock();
    const player = fakePlayer();
    const trick = new TrickPlay(player, IFRAMES, { clock, stepMs: 250 });
    trick.setRate(8);
    expect(player.paused).toBe(true);
    clock.advance(1000); // 30 + 8 = 38
    expect(trick.position).toBeCloseTo(38);
    expect(player.seeks).toEqual([32, 36]);
    clock.advance(2000); // 54
    expect(player.time).toBe(52);
    trick.exit();
    expect(player.time).toBeCloseTo(54);
    expect(player.paused).toBe(false);
    expect(trick.rate).toBe(0);
  });

  it('rewinds with a negative rate and stops at the start', () => {
    const clock = manualClock();
    const player = fakePlayer();
    const trick = new TrickPlay(player, IFRAMES, { clock });
    trick.setRate(-32);
    clock.advance(500); // 30 - 16 = 14
    expect(player.time).toBe(12);
    clock.advance(5000);
    expect(trick.position).toBe(0);
    expect(player.time).toBe(0);
    expect(player.paused).toBe(true);
  });

  it('FF/RW presses cycle 2×, 4× … 32× then 2× again; the other direction starts at 2×', () => {
    const trick = new TrickPlay(fakePlayer(), IFRAMES, { clock: manualClock() });
    const rates: number[] = [];
    for (let i = 0; i < 6; i++) {
      trick.faster(1);
      rates.push(trick.rate);
    }
    trick.faster(-1);
    rates.push(trick.rate);
    expect(rates).toEqual([2, 4, 8, 16, 32, 2, -2]);
    trick.destroy();
  });

  it('enters before its first seek and leaves before the seek that resumes', () => {
    const clock = manualClock();
    const calls: string[] = [];
    const player = fakePlayer();
    const target: TrickPlayTarget = {
      ...player,
      seek: (t) => calls.push(`seek ${t}`),
      enter: () => calls.push('enter'),
      leave: () => calls.push('leave'),
    };
    const trick = new TrickPlay(target, IFRAMES, { clock, stepMs: 250 });
    trick.setRate(8);
    trick.setRate(16); // a rate change is not a new entry
    clock.advance(250);
    trick.exit();
    expect(calls).toEqual(['enter', 'seek 32', 'leave', 'seek 34']);
  });

  it("trickPlayTarget locks the lowest rung while trick play runs, then gives back the player's selection", () => {
    const selections: string[] = [];
    let selection = '720p';
    const target = trickPlayTarget({
      media: { currentTime: 30, duration: 120 } as HTMLMediaElement,
      seek: () => undefined,
      pause: () => undefined,
      play: () => undefined,
      getVideoRepresentations: () => [{ id: '720p', bandwidth: 3e6 }, { id: '240p', bandwidth: 3e5 }, { id: '480p', bandwidth: 1e6 }],
      getVideoSelection: () => selection,
      selectVideoRepresentation: (id) => {
        selection = id;
        selections.push(id);
      },
    });
    const trick = new TrickPlay(target, IFRAMES, { clock: manualClock() });
    trick.setRate(4);
    expect(selection).toBe('240p');
    trick.exit();
    expect(selections).toEqual(['240p', '720p']);
  });

  it('is unavailable without I-frames, and maps remote keys', () => {
    const player = fakePlayer();
    const trick = new TrickPlay(player, [], { clock: manualClock() });
    trick.setRate(4);
    expect([trick.available, trick.rate, player.paused]).toEqual([false, 0, false]);
    expect(iFrameAtOrBefore(IFRAMES, 9.9)).toBe(2);
    expect([trickPlayKey({ key: 'MediaFastForward' }), trickPlayKey({ keyCode: 412 }), trickPlayKey({ key: 'Enter' }), trickPlayKey({ key: 'a' })]).toEqual(['ff', 'rw', 'ok', undefined]);
  });
});
