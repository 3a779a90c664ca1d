/**
 * The Zones view: a corridor chosen in its toolbar, its boundary and current zones on a vector
 * map, and the zones listed beside it with the chosen one's history. The corridor's operators and
 * admins also get the drawing toolbar, the editor and the file import; everyone else reads. There
 * is no zone event on the socket, so the view reloads the zones after each change it makes, after
 * a 409 (someone else changed them first) and on every corridor switch.
 */
import type { CorridorView, SessionView, ZoneVersionView } from '../server/contracts/index.ts';
import type { ApiClient } from './api.ts';
import { canMaintainZonesIn } from './zone-abilities.ts';
import { ZoneApi } from './zone-api.ts';
import { ZoneDrawToolbar } from './zone-draw-toolbar.ts';
import { ZoneDrawing } from './zone-drawing.ts';
import { ZoneEditor, type AfterChange } from './zone-editor.ts';
import { ZoneHistory } from './zone-history.ts';
import { ZoneImport } from './zone-import.ts';
import { ZoneList } from './zone-list.ts';
import { ZoneMap } from './zone-map.ts';
import { offsetLabel } from './zoned-time.ts';

export interface ZonesPageOptions {
  /** A call found the session gone (expired or revoked). */
  onSignInNeeded: () => void;
}

export interface ZonesPage {
  /** The view was shown again: the map measures itself anew. */
  shown(): void;
  stop(): void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const HASH_PREFIX = '#zones/';
const READ_ONLY_NOTE = 'Read-only: this corridor’s zones are changed by its operators and admins.';

/** Load the corridors and show the one the hash names ('#zones/<slug>') or the first, with its zones. */
export async function startZonesPage(api: ApiClient, session: SessionView, options: ZonesPageOptions): Promise<ZonesPage> {
  const zoneApi = new ZoneApi({ csrfToken: session.csrfToken, onSignedOut: options.onSignInNeeded });
  const corridors = await api.fetchCorridors();
  if (corridors.length === 0) throw new Error('No corridor to show.');
  const timeZones = new Map<string, string>();
  const select = byId<HTMLSelectElement>('zones-corridor');
  const notice = byId('zones-notice');
  select.replaceChildren(...corridors.map((corridor) => new Option(`${corridor.country} — ${corridor.name}`, corridor.id)));
  select.value = (corridors.find((corridor) => location.hash === `${HASH_PREFIX}${corridor.slug}`) ?? corridors[0]!).id;

  let zones: ZoneVersionView[] = [];
  let selectedLineageId: string | null = null;
  let loadCount = 0;
  const corridor = (): CorridorView => corridors.find((candidate) => candidate.id === select.value)!;
  const timeZone = () => timeZones.get(corridor().id) ?? 'UTC';
  const canMaintain = () => canMaintainZonesIn(session.grants, corridor().id);
  const say = (text: string, kind: 'result' | 'error') => {
    notice.textContent = text;
    notice.dataset.kind = kind;
  };

  const redraw = () => {
    list.show(zones, timeZone(), selectedLineageId);
    zoneMap.showZones(zones, selectedLineageId);
  };
  const choose = (zone: ZoneVersionView | null) => {
    selectedLineageId = zone?.lineageId ?? null;
    if (zone && canMaintain()) editor.edit(zone);
    if (zone) zoneMap.reveal(zone);
    redraw();
    void versionHistory.show(zone, timeZone());
  };
  /** A zone clicked on the map or in the list; ignored while a new zone is being drawn, so no click loses it. */
  const onChoose = (zone: ZoneVersionView) => {
    if (drawing.isTakingClicks() || (editor.isOpen() && editor.editedLineageId() === null)) return;
    choose(zone);
  };
  const reload = async () => {
    const corridorId = corridor().id;
    const loaded = await zoneApi.zones(corridorId);
    if (corridorId === corridor().id) zones = loaded;
  };

  const zoneMap = new ZoneMap(byId('zones-map'), onChoose);
  let toolbar: ZoneDrawToolbar | null = null;
  const drawing = new ZoneDrawing(zoneMap.map, (state) => toolbar?.show(state));
  const afterChange: AfterChange = async ({ lineageId, result, error }) => {
    await reload();
    const current = zones.find((zone) => zone.lineageId === lineageId) ?? null;
    if (current) {
      choose(current);
      editor.edit(current, { ...(result ? { result } : {}), ...(error ? { error } : {}) });
      notice.textContent = '';
    } else {
      editor.close();
      choose(null);
      say(error ?? result ?? '', error ? 'error' : 'result');
    }
  };
  const editor = new ZoneEditor(byId('zone-editor-section'), { api: zoneApi, drawing, corridor: () => ({ id: corridor().id, timeZone: timeZone() }), afterChange });
  toolbar = new ZoneDrawToolbar(byId('zone-draw-toolbar'), drawing, { onStart: () => editor.startNew(), onCancel: () => editor.cancelDrawing() });
  toolbar.show(drawing.state());
  const list = new ZoneList(byId('zone-list'), byId('zone-count'), { onChoose });
  const versionHistory = new ZoneHistory(byId('zone-history-section'), byId('zone-history'), zoneApi);
  const importer = new ZoneImport(byId('zone-import-host'), { api: zoneApi, corridorId: () => corridor().id, onImported: async () => {
    await reload();
    redraw();
  } });

  /** The corridor changed: its time zone, who may change it, its boundary and zones. */
  const showCorridor = async () => {
    const load = ++loadCount;
    const shown = corridor();
    void versionHistory.show(null, 'UTC');
    editor.close();
    importer.reset();
    selectedLineageId = null;
    notice.textContent = '';
    history.replaceState(null, '', `${HASH_PREFIX}${shown.slug}`);
    for (const section of document.querySelectorAll<HTMLElement>('#zones-view [data-for="maintainer"]')) section.hidden = !canMaintain();
    byId('zones-access').textContent = canMaintain() ? '' : READ_ONLY_NOTE;
    byId<HTMLAnchorElement>('zones-export').href = `/api/corridors/${encodeURIComponent(shown.id)}/zones.geojson`;
    zoneMap.showCorridor(shown);
    if (!timeZones.has(shown.id)) timeZones.set(shown.id, await zoneApi.timeZone(shown.id));
    await reload();
    if (load !== loadCount) return; // switched again meanwhile: that load draws
    byId('zones-timezone').textContent = `Local time: ${timeZone()} (${offsetLabel(timeZone(), Date.now())})`;
    byId('zones-view').dataset.corridorId = shown.id;
    redraw();
  };
  select.addEventListener('change', () => {
    showCorridor().catch((error: unknown) => say(`Could not load the zones: ${error instanceof Error ? error.message : String(error)}`, 'error'));
  });
  await showCorridor();
  return { shown: () => zoneMap.resized(), stop: () => undefined };
}
