import { render } from 'preact';
import { Dashboard } from './Dashboard.js';
import './style.css';

render(<Dashboard />, document.getElementById('app')!);
