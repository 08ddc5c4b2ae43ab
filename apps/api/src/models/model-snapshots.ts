import { Injectable, NotFoundException } from '@nestjs/common';
import { ModelRepository } from '@schakel/database';
import type { ReferenceModel } from '@schakel/reference-model/engine';

/** Published versions never change, so each is read from the database once per process. */
@Injectable()
export class ModelSnapshots {
  private readonly cache = new Map<string, Promise<ReferenceModel>>();

  constructor(private readonly models: ModelRepository) {}

  get(chainId: string, version: number): Promise<ReferenceModel> {
    const key = `${chainId}@${version}`;
    let snapshot = this.cache.get(key);
    if (!snapshot) {
      snapshot = this.load(chainId, version);
      this.cache.set(key, snapshot);
      snapshot.catch(() => this.cache.delete(key));
    }
    return snapshot;
  }

  /**
   * The versions other than the case's current one that its tasks ran under (a migrated case), for
   * reading each task in its own version.
   */
  async earlier(
    chainId: string,
    current: number,
    tasks: readonly { modelVersion: number }[],
  ): Promise<Map<number, ReferenceModel>> {
    const versions = [...new Set(tasks.map((task) => task.modelVersion))].filter(
      (version) => version !== current,
    );
    const models = await Promise.all(versions.map((version) => this.get(chainId, version)));
    return new Map(versions.map((version, i) => [version, models[i]]));
  }

  private async load(chainId: string, version: number): Promise<ReferenceModel> {
    const found = await this.models.findVersion(chainId, version, { organisationId: null });
    if (!found) throw new NotFoundException(`Chain '${chainId}' has no version ${version}`);
    return found.document;
  }
}
