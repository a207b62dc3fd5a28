// Types for the few `natural` submodules we load. Requiring 'natural' itself pulls in database
// clients and dotenv and costs ~1 s, so only these files are imported.
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  interface Classification {
    label: string;
    value: number;
  }
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    features: Record<string, number>;
    /** The underlying apparatus classifier; accepts a sparse observation {k: featureIndex}. */
    classifier: { getClassifications(observation: number[] | Record<string, number>): Classification[] };
    addDocument(text: string | string[], label: string): void;
    train(): void;
    getClassifications(observation: string | string[]): Classification[];
  }
  export = BayesClassifier;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
