/** One line of payload, envelope already removed (see envelope.ts): what a stream parser reads. */
export interface PayloadLine {
  text: string;
  line: number;
  physicalLines: number;
  wallTime?: string;
}
