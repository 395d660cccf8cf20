import { createContext, useContext } from 'react';
import type { BenchtopClient } from '../../../shared/api.js';
import type { Connection } from '../api/client.js';

export const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection needs a ConnectionContext provider');
  return connection;
}

export const useClient = (): BenchtopClient => useConnection().client;
