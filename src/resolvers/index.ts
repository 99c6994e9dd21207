import Resolver from '@forge/resolver';
import { getBoards } from './boards';
import * as retro from './retro';
import { getIssueSprints, getSprintFacts, getSprints } from './sprintFacts';
import { findUsers } from './users';
import * as coach from './coach';
import * as refinement from './refinement';
import * as stakeholders from './stakeholders';

/** The one resolver function of the app (manifest: `resolver`); each key is an `invoke` target. */
const resolver = new Resolver();
const definitions = {
  getBoards, getSprints, getSprintFacts, getIssueSprints, findUsers,
  getRetroFormats: retro.getRetroFormats, addRetroFormat: retro.addRetroFormat, listRetros: retro.listRetros,
  createRetro: retro.createRetro, getRetro: retro.getRetro, getRetroCoaching: retro.getRetroCoaching,
  setPhase: retro.setPhase, handOver: retro.handOver, revealVotes: retro.revealVotes,
  addCard: retro.addCard, editCard: retro.editCard, deleteCard: retro.deleteCard, vote: retro.vote, unvote: retro.unvote,
  addTheme: retro.addTheme, groupCard: retro.groupCard, addAction: retro.addAction, setActionDone: retro.setActionDone,
  createActionIssue: retro.createActionIssue, setCheckIn: retro.setCheckIn, setSafety: retro.setSafety, setRoti: retro.setRoti,
  exportRetro: retro.exportRetro, postRetroSummary: retro.postRetroSummary,
  getBacklog: refinement.getBacklog, setDefinitionOfReady: refinement.setDefinitionOfReady, setScores: refinement.setScores, applyOrder: refinement.applyOrder, getIssueRefinement: refinement.getIssueRefinement,
  getStakeholderMap: stakeholders.getStakeholderMap, saveStakeholder: stakeholders.saveStakeholder, deleteStakeholder: stakeholders.deleteStakeholder,
  getCoachSprints: coach.getCoachSprints, getTeamSeries: coach.getTeamSeries, getCoachPatterns: coach.getCoachPatterns,
  linkStakeholder: stakeholders.linkStakeholder, unlinkStakeholder: stakeholders.unlinkStakeholder, getStakeholderInsights: stakeholders.getStakeholderInsights,
};
for (const [key, fn] of Object.entries(definitions)) resolver.define(key, fn);

export const handler = resolver.getDefinitions();
/** Resolver keys, for tests that exercise every resolver. */
export const RESOLVER_KEYS = Object.keys(definitions);
