import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TextAudience } from '@schakel/contracts';
import { CaseEventEntity } from './case-event.entity';

export interface NewNote {
  eventId: string;
  caseId: string;
  actorId: string;
  actorRole: string;
  actorOrganisation: string | null;
  taskKey: string | null;
  text: string;
  audience: TextAudience;
}

@Injectable()
export class CaseEventRepository {
  constructor(
    @InjectRepository(CaseEventEntity) private readonly rows: Repository<CaseEventEntity>,
  ) {}

  timeline(caseId: string): Promise<CaseEventEntity[]> {
    return this.rows.find({ where: { caseId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** Notes are case content, not progress: the API records them directly. */
  async addNote(note: NewNote): Promise<CaseEventEntity> {
    const row = this.rows.create({
      eventId: note.eventId,
      caseId: note.caseId,
      type: 'note.added',
      taskKey: note.taskKey,
      actorId: note.actorId,
      actorRole: note.actorRole,
      actorOrganisation: note.actorOrganisation,
      occurredAt: new Date(),
      details: { text: note.text, audience: note.audience },
    });
    return this.rows.save(row);
  }
}
