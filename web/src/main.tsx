import { render } from 'preact';
import { Dashboard } from './Dashboard.js';
import { Portal } from './Portal.js';
import './style.css';

const portal = location.pathname === '/portal' || location.pathname.startsWith('/portal/');
render(portal ? <Portal /> : <Dashboard />, document.getElementById('app')!);
