import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from './api';

export const SessionContext = createContext<User | null>(null);

export function useUser(): User {
  const u = useContext(SessionContext);
  if (!u) throw new Error('no session');
  return u;
}

export function canEdit(u: User): boolean {
  return u.role === 'admin' || u.role === 'staff';
}
