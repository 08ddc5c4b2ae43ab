/** The smoke workflow proves the API → Temporal → worker → activity path end to end. */
export interface SmokeInput {
  message: string;
  requestedBy: string;
}

export interface SmokeResult {
  message: string;
  workflowId: string;
  /** Identity of the worker process that ran the activity. */
  handledBy: string;
  /** Database clock as read by the activity, proving the worker reaches PostgreSQL. */
  databaseTime: string;
}

export interface SmokeActivities {
  describeWorker(input: SmokeInput): Promise<Pick<SmokeResult, 'handledBy' | 'databaseTime'>>;
}
