/** Cities demo practitioners work in: real coordinates, local languages, local skin types. */
export interface DemoCity {
  /** City name as clients search for it. */
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** City centre, degrees. */
  lat: number;
  lng: number;
  /** Languages commonly spoken with clients there (BCP 47), the local one first. */
  languages: readonly string[];
  /** Which pool of fictional names fits. */
  names: NamePool;
  /** Relative weights of Fitzpatrick types I–VI among clients there (rough, for variety only). */
  fitzpatrick: readonly [number, number, number, number, number, number];
}

type NamePool = 'in' | 'gb' | 'us' | 'br' | 'es' | 'de' | 'ae';

const weights = {
  in: [0, 1, 4, 5, 3, 1], gb: [3, 5, 3, 2, 1, 1], us: [2, 4, 3, 2, 2, 2], br: [1, 3, 4, 3, 2, 2],
  es: [1, 4, 5, 2, 1, 0.5], ae: [0, 1, 3, 4, 2, 1], mx: [0, 2, 4, 4, 2, 0.5],
} as const;

/** Every city the demo may use; bulk runs draw from all of them. */
export const demoCities: readonly DemoCity[] = [
  { city: 'Pune', country: 'IN', lat: 18.5204, lng: 73.8567, languages: ['mr', 'hi', 'en'], names: 'in', fitzpatrick: weights.in },
  { city: 'Mumbai', country: 'IN', lat: 19.076, lng: 72.8777, languages: ['hi', 'mr', 'en', 'gu'], names: 'in', fitzpatrick: weights.in },
  { city: 'Bengaluru', country: 'IN', lat: 12.9716, lng: 77.5946, languages: ['kn', 'en', 'hi', 'ta'], names: 'in', fitzpatrick: weights.in },
  { city: 'London', country: 'GB', lat: 51.5074, lng: -0.1278, languages: ['en', 'pl', 'ur'], names: 'gb', fitzpatrick: weights.gb },
  { city: 'Manchester', country: 'GB', lat: 53.4808, lng: -2.2426, languages: ['en', 'ur'], names: 'gb', fitzpatrick: weights.gb },
  { city: 'Austin', country: 'US', lat: 30.2672, lng: -97.7431, languages: ['en', 'es'], names: 'us', fitzpatrick: weights.us },
  { city: 'Chicago', country: 'US', lat: 41.8781, lng: -87.6298, languages: ['en', 'es', 'pl'], names: 'us', fitzpatrick: weights.us },
  { city: 'São Paulo', country: 'BR', lat: -23.5505, lng: -46.6333, languages: ['pt-BR', 'en', 'es'], names: 'br', fitzpatrick: weights.br },
  { city: 'Madrid', country: 'ES', lat: 40.4168, lng: -3.7038, languages: ['es', 'en'], names: 'es', fitzpatrick: weights.es },
  { city: 'Delhi', country: 'IN', lat: 28.6139, lng: 77.209, languages: ['hi', 'en', 'pa'], names: 'in', fitzpatrick: weights.in },
  { city: 'New York', country: 'US', lat: 40.7128, lng: -74.006, languages: ['en', 'es'], names: 'us', fitzpatrick: weights.us },
  { city: 'Toronto', country: 'CA', lat: 43.6532, lng: -79.3832, languages: ['en', 'fr'], names: 'us', fitzpatrick: weights.us },
  { city: 'Lisbon', country: 'PT', lat: 38.7223, lng: -9.1393, languages: ['pt-PT', 'en'], names: 'br', fitzpatrick: weights.es },
  { city: 'Berlin', country: 'DE', lat: 52.52, lng: 13.405, languages: ['de', 'en', 'tr'], names: 'de', fitzpatrick: weights.gb },
  { city: 'Dubai', country: 'AE', lat: 25.2048, lng: 55.2708, languages: ['ar', 'en', 'hi'], names: 'ae', fitzpatrick: weights.ae },
  { city: 'Mexico City', country: 'MX', lat: 19.4326, lng: -99.1332, languages: ['es', 'en'], names: 'es', fitzpatrick: weights.mx },
  { city: 'Sydney', country: 'AU', lat: -33.8688, lng: 151.2093, languages: ['en', 'zh'], names: 'gb', fitzpatrick: weights.gb },
];

/** Fictional first and family names per pool, combined at random for bulk practitioners. */
export const namePools: Record<NamePool, { first: readonly string[]; last: readonly string[] }> = {
  in: {
    first: ['Priya', 'Arjun', 'Kavya', 'Rohan', 'Aditi', 'Vikram', 'Sneha', 'Rahul', 'Neha', 'Siddharth', 'Ananya', 'Karan'],
    last: ['Deshpande', 'Mehta', 'Rao', 'Kulkarni', 'Iyer', 'Sharma', 'Patil', 'Nair', 'Joshi', 'Reddy', 'Kapoor', 'Bhat'],
  },
  gb: {
    first: ['Sophie', 'Oliver', 'Amelia', 'Harry', 'Chloe', 'Jack', 'Ellie', 'Thomas', 'Grace', 'Liam'],
    last: ['Hughes', 'Walsh', 'Bennett', 'Shaw', 'Price', 'Doyle', 'Fletcher', 'Harper', 'Lawson', 'Marsh'],
  },
  us: {
    first: ['Marcus', 'Jamal', 'Emily', 'Tyler', 'Madison', 'Andre', 'Rachel', 'Kevin', 'Jasmine', 'Derek'],
    last: ['Reed', 'Brooks', 'Turner', 'Coleman', 'Hayes', 'Simmons', 'Foster', 'Bryant', 'Jenkins', 'Howard'],
  },
  br: {
    first: ['Lucas', 'Mariana', 'Rafael', 'Beatriz', 'Thiago', 'Camila', 'Gabriel', 'Larissa', 'Felipe', 'Joana'],
    last: ['Souza', 'Almeida', 'Carvalho', 'Pereira', 'Lima', 'Costa', 'Rocha', 'Martins', 'Barbosa', 'Teixeira'],
  },
  es: {
    first: ['Javier', 'Carmen', 'Pablo', 'Elena', 'Diego', 'Marta', 'Sergio', 'Paula', 'Álvaro', 'Irene'],
    last: ['García', 'Navarro', 'Romero', 'Torres', 'Ruiz', 'Delgado', 'Castillo', 'Ortega', 'Vidal', 'Serrano'],
  },
  de: {
    first: ['Lena', 'Jonas', 'Mia', 'Felix', 'Hannah', 'Lukas', 'Clara', 'Moritz'],
    last: ['Becker', 'Wagner', 'Schulz', 'Hoffmann', 'Krüger', 'Wolf', 'Brandt', 'Vogel'],
  },
  ae: {
    first: ['Omar', 'Layla', 'Yousef', 'Mariam', 'Khalid', 'Noor', 'Sami', 'Huda'],
    last: ['Haddad', 'Mansour', 'Farouk', 'Saleh', 'Nasser', 'Khoury', 'Aziz', 'Rahman'],
  },
};

/** The city record for a name; throws on a typo so personas cannot silently drift. */
export function cityNamed(name: string): DemoCity {
  const found = demoCities.find((c) => c.city === name);
  if (!found) throw new Error(`demo: no city named ${name} in demoCities`);
  return found;
}
