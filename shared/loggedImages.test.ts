import { describe, expect, it } from 'vitest';
import { imageAtStep, loggedImageName, loggedImages } from './loggedImages.js';

describe('images logged per step', () => {
  it("reads MLflow log_image's names: key (# back to /), step, timestamp, and the compressed copy", () => {
    const images = loggedImages([
      'val#samples%step%2%timestamp%1700000000200%gabc-1.png',
      'val#samples%step%2%timestamp%1700000000200%gabc-1%compressed.webp',
      'val#samples%step%0%timestamp%1700000000000%hdef-2.png',
      'masks%step%1%timestamp%1700000000100%iuvw-3.png',
      'notes.txt',
      'plain.png',
    ]);
    expect(images).toEqual([
      {
        key: 'masks',
        step: 1,
        timestamp: 1700000000100,
        path: 'images/masks%step%1%timestamp%1700000000100%iuvw-3.png',
        thumb: null,
      },
      {
        key: 'val/samples',
        step: 0,
        timestamp: 1700000000000,
        path: 'images/val#samples%step%0%timestamp%1700000000000%hdef-2.png',
        thumb: null,
      },
      {
        key: 'val/samples',
        step: 2,
        timestamp: 1700000000200,
        path: 'images/val#samples%step%2%timestamp%1700000000200%gabc-1.png',
        thumb: 'images/val#samples%step%2%timestamp%1700000000200%gabc-1%compressed.webp',
      },
    ]);
  });

  it('shows the last image at or before the step, none before the first', () => {
    const images = loggedImages(['k%step%0%timestamp%1%ga.png', 'k%step%5%timestamp%2%gb.png']);
    expect(imageAtStep(images, 0)?.step).toBe(0);
    expect(imageAtStep(images, 4)?.step).toBe(0);
    expect(imageAtStep(images, 9)?.step).toBe(5);
    expect(imageAtStep(images, -1)).toBeNull();
  });

  it('names an image as log_image does, and reads the name back', () => {
    const name = loggedImageName({
      key: 'val/50%/pred',
      step: 7,
      timestamp: 1700000000123.4,
      id: 'tb0',
      ext: 'jpeg',
    });
    expect(name).toBe('val#50_#pred%step%7%timestamp%1700000000123%tb0.jpeg');
    expect(loggedImages([name])).toEqual([
      {
        key: 'val/50_/pred',
        step: 7,
        timestamp: 1700000000123,
        path: `images/${name}`,
        thumb: null,
      },
    ]);
  });
});
