// A generic form workflow (verb table → decide / apply / actions), used by the project forms.
export * from './engine';
