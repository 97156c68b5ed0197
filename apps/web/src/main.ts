import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { markLoad } from './lib/load-marks.ts';

markLoad('entry');

const target = document.getElementById('app');
if (!target) throw new Error('Accord needs an element with id "app" to mount into');
mount(App, { target });
