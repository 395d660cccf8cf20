import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMlflowClient, trackingUrl } from './mlflowClient.js';
import { artifactPlace, doubleToWire } from './remoteWire.js';

describe('the MLflow REST client', () => {
  it('retries 429 and 5xx a bounded number of times, and never a 4xx', async () => {
    const answers: number[] = [];
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        status === 200
          ? '{"experiment_id": "7"}'
          : JSON.stringify({
              error_code: status === 400 ? 'BAD_REQUEST' : 'TEMPORARILY_UNAVAILABLE',
              message: 'busy',
            }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createMlflowClient({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        retries: 2,
        backoffMs: 1,
      });
      answers.push(503, 429);
      expect(await client.post('experiments/create', { name: 'x' })).toEqual({
        experiment_id: '7',
      });
      expect(hits).toBe(3);
      answers.push(503, 503, 503, 503);
      await expect(client.post('experiments/create', { name: 'x' })).rejects.toThrow(
        '503 TEMPORARILY_UNAVAILABLE: busy',
      );
      expect(hits).toBe(6);
      answers.splice(0);
      answers.push(400);
      await expect(client.post('experiments/create', { name: 'x' })).rejects.toThrow(
        '400 BAD_REQUEST: busy',
      );
      expect(hits).toBe(7);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('finds artifacts where MLflow client would, and nowhere else', () => {
    const t = 'http://team:5000';
    expect(artifactPlace(t, 'mlflow-artifacts:/3/abc/artifacts')).toEqual({
      files: `${t}/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts`,
      listing: { endpoint: `${t}/api/2.0/mlflow-artifacts/artifacts`, root: '3/abc/artifacts' },
    });
    expect(artifactPlace(t, 'mlflow-artifacts://other:80/3/abc/artifacts')?.files).toBe(
      'http://other:80/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts',
    );
    expect(
      artifactPlace(t, 'https://h/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts')?.listing,
    ).toEqual({
      endpoint: 'https://h/api/2.0/mlflow-artifacts/artifacts',
      root: '3/abc/artifacts',
    });
    expect(artifactPlace(t, 'https://bucket.example/runs/abc')).toEqual({
      files: 'https://bucket.example/runs/abc',
      listing: null,
    });
    expect(artifactPlace(t, '/srv/mlruns/3/abc/artifacts')).toBeNull();
    expect(artifactPlace(t, 's3://bucket/3/abc/artifacts')).toBeNull();
  });

  it('reads an error page that is not MLflow JSON by its status', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(
        createMlflowClient({ url }).get('experiments/get', { experiment_id: '1' }),
      ).rejects.toMatchObject({
        code: 'ENDPOINT_NOT_FOUND',
        message: `the MLflow server at ${url} refused GET experiments/get: 404 ENDPOINT_NOT_FOUND: no such endpoint (is this an MLflow tracking server?)`,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes http(s) tracking URIs only, and writes doubles as protobuf JSON does', () => {
    expect(trackingUrl('http://team:5000/', '--to')).toBe('http://team:5000');
    expect(trackingUrl('https://team/mlflow/', '--to')).toBe('https://team/mlflow');
    expect(() => trackingUrl('team:5000', '--to')).toThrow('--to must be an http(s) URL');
    expect(() => trackingUrl('file:///tmp/mlruns', '--from')).toThrow(
      '--from must be an http(s) URL',
    );
    expect([NaN, Infinity, -Infinity, 0.25].map(doubleToWire)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      0.25,
    ]);
  });
});
