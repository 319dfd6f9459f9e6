export { createRouter, ROUTER_GROUP_ID, type Router, type RouterDeps, type RouterStats } from './Router.js';
