export class PotentialCache {
    capacity;
    map = new Map();
    constructor(capacity = 8) {
        this.capacity = capacity;
    }
    get(key) {
        const t = this.map.get(key);
        if (t === undefined)
            return null;
        this.map.delete(key);
        this.map.set(key, t); // most recently used last
        return t;
    }
    set(key, value) {
        this.map.delete(key);
        this.map.set(key, value);
        if (this.map.size > this.capacity)
            this.map.delete(this.map.keys().next().value);
    }
}
/** The identity of a measure given by the user: points, and weights (null: uniform, generated). */
export function measureKey(points, weights) {
    return `${points.id}@${points.version}/${weights === null ? 'uniform' : `${weights.id}@${weights.version}`}`;
}
