// The sample posts: each is a plain-text file (for the playground) and a Blogger-style page with
// the same text (for the demo and the browser tests), both under samples/.

export const SAMPLES = [
  { id: 'cabai', label: 'sample.cabai' },
  { id: 'jembatan', label: 'sample.jembatan' },
  { id: 'banjir', label: 'sample.banjir' },
];

export const sampleText = (id) => `samples/${id}.txt`;
export const samplePage = (id) => `samples/${id}.html`;
