import { createContext } from 'svelte';
import { matchRoute, type Route } from './routes.ts';

/** The client's location as state; the server answers every page path with index.html. */
export class Router {
  route = $state<Route>(matchRoute(location.pathname));

  constructor() {
    addEventListener('popstate', () => {
      this.route = matchRoute(location.pathname);
    });
  }

  navigate(path: string, replace = false): void {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.route = matchRoute(location.pathname);
    scrollTo(0, 0);
  }
}

export const [getRouter, setRouter] = createContext<Router>();
