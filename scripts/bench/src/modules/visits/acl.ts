export const features = [
  { id: 'visits.view', title: 'View Visits', module: 'visits' },
  { id: 'visits.manage', title: 'Manage Visits', module: 'visits', dependsOn: ['visits.view'] },
]

export default features
