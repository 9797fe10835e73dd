import type { LanguageClient } from 'vscode-languageclient/node';
import { BatchDoneNotification, BatchProgressNotification, GenerateDoneNotification, GenerateProgressNotification } from '../../server/protocol';
import * as wv from '../../webview/protocol';
import { ReviewPanel } from '../panel/reviewPanel';
import type { GenerationActions } from './generationActions';

/**
 * Server notifications about generations, passed on unchanged and in order: streamed text and ends to the
 * panel, batch progress to the panel and to the batch's progress notification.
 */
export function forwardGenerationNotifications(client: LanguageClient, actions: GenerationActions): void {
  client.onNotification(GenerateProgressNotification, (p) => ReviewPanel.notify(wv.GenerationProgressed, p));
  client.onNotification(GenerateDoneNotification, (d) => ReviewPanel.notify(wv.GenerationFinished, d));
  client.onNotification(BatchProgressNotification, (p) => {
    actions.batches.onProgress(p);
    ReviewPanel.notify(wv.BatchProgressed, p);
  });
  client.onNotification(BatchDoneNotification, (d) => {
    actions.batches.onDone(d);
    ReviewPanel.notify(wv.BatchFinished, d);
  });
}
