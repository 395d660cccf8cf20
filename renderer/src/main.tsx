import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client.js';
import { App } from './App.js';
import { ConnectionContext } from './data/connection.js';
import './styles.css';

const connection = connect();
const queryClient = new QueryClient({
  defaultOptions: {
    // Live events keep the caches current; a focus change needn't refetch everything.
    queries: { refetchOnWindowFocus: false, retry: 1, staleTime: 10_000 },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ConnectionContext value={connection}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ConnectionContext>
  </StrictMode>,
);
