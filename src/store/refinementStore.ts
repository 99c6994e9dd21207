import { kvs } from '@forge/kvs';
import { DEFAULT_DOR, type DefinitionOfReady } from '../domain/readiness';

/** A board's Definition of Ready (the default until the team sets its own). */
export async function readDor(boardId: number): Promise<DefinitionOfReady> {
  return { ...DEFAULT_DOR, ...(await kvs.get<Partial<DefinitionOfReady>>(`dor:${boardId}`)) };
}

export const saveDor = (boardId: number, dor: DefinitionOfReady) => kvs.set(`dor:${boardId}`, dor);
