import { defineConfig } from 'vite';

// The web pages live in web/ and are built into dist/web, which the server serves.
// `npx vite` serves them in development, proxying the API and Socket.IO to the server.
export default defineConfig({
  root: 'web',
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
