import { describe, expect, it } from 'vitest';
import { common } from '../protocol/index.ts';
import { checkTransferTimeout, missionItemFrom, receiveItem, startUpload, type MissionItem, type MissionTransfer } from './mission-transfer.ts';

const PEER = { systemId: 255, componentId: 190 };

function item(seq: number): MissionItem {
  return { seq, frame: 3, command: 16, params: [0, 0, 0, 0], x: -130_146_000 + seq, y: 334_686_000, z: 50, autocontinue: 1 };
}

describe('the mission upload protocol (vehicle side)', () => {
  it('asks for each item in turn and acknowledges the last with MAV_MISSION_ACCEPTED', () => {
    let step = startUpload(3, 0, PEER, 0);
    expect(step.replies).toEqual([expect.objectContaining({ seq: 0, targetSystem: 255, targetComponent: 190, missionType: 0 })]);
    expect(step.replies[0]).toBeInstanceOf(common.MissionRequestInt);
    step = receiveItem(step.transfer, item(0), 0.1);
    expect(step.replies).toEqual([expect.objectContaining({ seq: 1 })]);
    step = receiveItem(step.transfer, item(1), 0.2);
    step = receiveItem(step.transfer, item(2), 0.3);
    expect(step.replies[0]).toBeInstanceOf(common.MissionAck);
    expect(step.replies[0]).toMatchObject({ type: 0, targetSystem: 255 });
    expect(step.completed).toEqual({ missionType: 0, items: [item(0), item(1), item(2)] });
    expect(step.transfer).toEqual({ state: 'idle' });
  });

  it('re-asks for the expected item when another arrives, and after a silence; cancels after five silences', () => {
    let step = startUpload(2, 0, PEER, 0);
    step = receiveItem(step.transfer, item(1), 0.1);
    expect(step.replies).toEqual([expect.objectContaining({ seq: 0 })]);
    let transfer: MissionTransfer = step.transfer;
    expect(checkTransferTimeout(transfer, 1).replies).toEqual([]);
    for (let retry = 1; retry <= 5; retry++) {
      step = checkTransferTimeout(transfer, retry * 2);
      expect(step.replies).toEqual([expect.objectContaining({ seq: 0 })]);
      transfer = step.transfer;
    }
    step = checkTransferTimeout(transfer, 20);
    expect(step.replies[0]).toMatchObject({ type: 15 }); // MAV_MISSION_OPERATION_CANCELLED
    expect(step.transfer).toEqual({ state: 'idle' });
  });

  it('clears with a count of 0, and ignores items when nothing is being uploaded', () => {
    expect(startUpload(0, 0, PEER, 0)).toMatchObject({ completed: { items: [] }, replies: [expect.objectContaining({ type: 0 })] });
    expect(receiveItem({ state: 'idle' }, item(0), 0)).toEqual({ transfer: { state: 'idle' }, replies: [] });
  });

  it('reads MISSION_ITEM_INT as it is and MISSION_ITEM (float degrees) in 1e7 degrees', () => {
    const legacy = Object.assign(new common.MissionItem(), { seq: 1, frame: 3, command: 16, x: -13.0146, y: 33.4686, z: 40, autocontinue: 1 });
    expect(missionItemFrom(legacy)).toMatchObject({ x: -130_146_000, y: 334_686_000, z: 40 });
  });
});
